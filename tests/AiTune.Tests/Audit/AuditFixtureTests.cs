using AiTune.Audit;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Services.Hosts;
using AiTune.Snapshots;
using AiTune.Tests.Support;

namespace AiTune.Tests.Audit;

public class AuditFixtureTests
{
    /// <summary>The fixture's facts as audit reads them: through the engine's host opening, with the sysctls the
    /// built-in profiles expect.</summary>
    internal static HostFacts Facts(string fixture) => new HostOpening("test").Facts(FixturePaths.Host(fixture), ProfileCatalog.BuiltIn);

    internal static Finding Find(string fixture, string profile, string id, ModelRequirement? model = null) =>
        AuditEngine.Evaluate(Facts(fixture), ProfileCatalog.BuiltIn.Select(profile), model).Single(f => f.Id == id);

    [Fact]
    public void A_partly_granted_huge_page_request_fails_with_the_boot_time_remedy()
    {
        var finding = Find("xeon-2numa-nvidia", "inference-latency", "MEM001");

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("asked 12288 × 2 MiB (/etc/sysctl.d/80-hugepages.conf:", finding.Current);
        Assert.Contains("the kernel holds 8192", finding.Current);
        Assert.Contains("16 × 1 GiB (kernel command line): 16 held", finding.Current);
        Assert.Contains("hugepagesz=2M hugepages=12288", finding.Fix!.Persistent);
        Assert.Contains("compact_memory", finding.Fix.Runtime);
        Assert.Contains("reads back what the kernel granted", finding.Note);
    }

    [Fact]
    public void The_powersave_governor_fails_the_latency_profile_with_a_tmpfiles_fix()
    {
        var finding = Find("xeon-2numa-nvidia", "inference-latency", "CPU002");

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.StartsWith("powersave (all 16: policy0", finding.Current);
        Assert.Equal("performance", finding.Expected);
        Assert.Equal("cpupower frequency-set -g performance", finding.Fix!.Runtime);
        Assert.Contains("/etc/tmpfiles.d/aitune.conf", finding.Fix.Persistent);
    }

    [Fact]
    public void No_cpufreq_is_not_applicable_with_the_reason_not_a_failure()
    {
        var finding = Find("kvm-hardened", "inference-latency", "CPU002");

        Assert.Equal(FindingStatus.NotApplicable, finding.Status);
        Assert.Contains("no cpufreq", finding.Note);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Iommu_passthrough_passes_for_serving_and_is_a_reported_conflict_under_hardening()
    {
        var serving = Find("xeon-2numa-nvidia", "inference-throughput", "GPU004");
        var hardened = Find("xeon-2numa-nvidia", "inference-throughput+hardened", "GPU004");

        Assert.Equal(FindingStatus.Pass, serving.Status);
        Assert.StartsWith("passthrough", serving.Current);
        Assert.Equal(FindingStatus.Warn, hardened.Status);
        Assert.Contains("conflict", hardened.Note);
    }

    [Fact]
    public void The_gpu_numa_node_and_its_huge_pages_are_reported()
    {
        var locality = Find("xeon-2numa-nvidia", "inference-latency", "GPU003");
        var pages = Find("xeon-2numa-nvidia", "inference-latency", "MEM003");

        Assert.Equal(FindingStatus.Pass, locality.Status);
        Assert.Contains("0000:98:00.0 on node 1 (CPUs 4-7,12-15)", locality.Current);
        Assert.Equal(FindingStatus.Pass, pages.Status);
        Assert.Contains("node 1: 16 GiB", pages.Current);
    }

    [Fact]
    public void An_rt_kernel_warns_for_throughput_and_thp_absence_fails_the_build_check()
    {
        var flavor = Find("epyc-amdgpu-rt-cgv1", "training-throughput", "KRN001");
        var build = Find("epyc-amdgpu-rt-cgv1", "training-throughput", "KRN005");
        var thp = Find("epyc-amdgpu-rt-cgv1", "training-throughput", "MEM004");

        Assert.Equal(FindingStatus.Warn, flavor.Status);
        Assert.Contains("PREEMPT_RT", flavor.Note);
        Assert.Equal(FindingStatus.Fail, build.Status);
        Assert.Contains("CONFIG_TRANSPARENT_HUGEPAGE", build.Current);
        Assert.Equal(FindingStatus.NotApplicable, thp.Status);
        Assert.Contains("without transparent huge pages", thp.Note);
    }

    [Fact]
    public void Cgroup_v1_warns_and_the_amd_gpu_passes_with_amdgpu()
    {
        Assert.Equal(FindingStatus.Warn, Find("epyc-amdgpu-rt-cgv1", "inference-throughput", "CGR001").Status);
        var driver = Find("epyc-amdgpu-rt-cgv1", "inference-throughput", "GPU001");
        Assert.Equal(FindingStatus.Pass, driver.Status);
        Assert.Equal("amd gpu 0000:c1:00.0: amdgpu", driver.Current);
        Assert.Equal("0000:c1:00.0: 64.0 GiB", Find("epyc-amdgpu-rt-cgv1", "inference-throughput", "GPU005").Current);
    }

    [Fact]
    public void The_hardened_fixture_passes_the_hardening_sysctls()
    {
        var findings = AuditEngine.Evaluate(Facts("kvm-hardened"), ProfileCatalog.BuiltIn.Select("hardened"), null);

        foreach (var id in new[] { "SEC001", "SEC002", "SEC003", "SEC005", "SEC006", "SEC007", "SEC013", "SEC018", "SEC021" })
        {
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.Id == id).Status);
        }

        Assert.Equal("confidentiality", findings.Single(f => f.Id == "SEC018").Current);
    }

    [Fact]
    public void A_model_larger_than_memory_fails_and_huge_pages_are_judged_against_it()
    {
        var huge = new ModelRequirement("--model-size 1TiB", 1L << 40);
        var fits = Find("kvm-hardened", "inference-throughput", "MEM014", huge);
        var pages = Find("xeon-2numa-nvidia", "inference-throughput", "MEM002", new ModelRequirement("m", 40L << 30));

        Assert.Equal(FindingStatus.Fail, fits.Status);
        Assert.Equal(FindingStatus.Warn, pages.Status);
        Assert.Equal("node1: 4096", pages.Current);
        Assert.StartsWith("echo 1 > /proc/sys/vm/compact_memory; echo 21504 > /sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages", pages.Fix!.Runtime);
        // 4 GiB × 1.05 = 2151 pages of 2 MiB: node 1 holds 4096.
        Assert.Equal(FindingStatus.Pass, Find("xeon-2numa-nvidia", "inference-throughput", "MEM002", new ModelRequirement("m", 4L << 30)).Status);
    }

    [Fact]
    public void Overcommit_ratio_without_strict_mode_is_flagged_as_having_no_effect()
    {
        using var tree = new TempHostTree()
            .Write("proc/sys/vm/overcommit_memory", "1\n")
            .Write("proc/sys/vm/overcommit_ratio", "80\n");
        using var root = tree.Root();
        var facts = HostInspector.Inspect(root, new HostSource("t", false, null, null, null));

        var finding = AuditEngine.Evaluate(facts, ProfileCatalog.BuiltIn.Select("inference-throughput"), null).Single(f => f.Id == "MEM006");

        Assert.Equal(FindingStatus.Warn, finding.Status);
        Assert.Contains("vm.overcommit_ratio=80 has no effect", finding.Note);
    }

    [Fact]
    public void Every_fixture_audits_with_every_profile_and_scores_stay_in_range()
    {
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var facts = Facts(fixture);
            foreach (var profile in ProfileCatalog.BuiltIn.Selectable)
            {
                var report = AuditEngine.Run(facts, ProfileCatalog.BuiltIn.Select(profile.Name), null, ProfileCatalog.BuiltIn, "test");
                Assert.NotEmpty(report.Findings);
                Assert.All(report.Summary.Scores, s => Assert.InRange(s.Score, 0, 100));
                Assert.Equal(report.Findings.Count, report.Summary.Counts.Values.Sum());
                Assert.All(report.Findings.Where(f => f.Status is FindingStatus.Fail), f => Assert.NotNull(f.Fix));
                Assert.DoesNotContain(report.Findings, f => f.Note?.Contains("not implemented", StringComparison.Ordinal) == true);
            }
        }
    }

    [Fact]
    public void A_bmc_display_adapter_is_no_gpu_so_the_driver_rule_is_not_applicable_and_says_why()
    {
        var driver = Find("xeon-bmc-ast", "inference-latency", "GPU001");

        Assert.Equal(FindingStatus.NotApplicable, driver.Status);
        Assert.Contains("no accelerator on the PCI bus", driver.Note);
        Assert.Contains("ASPEED BMC display adapter (driver ast)", driver.Note);
        Assert.Equal(0, HostSummary.Of(Facts("xeon-bmc-ast")).Accelerators);
    }

    [Fact]
    public void On_every_fixture_no_display_adapter_is_an_accelerator_and_the_summary_counts_accelerators()
    {
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var facts = Facts(fixture);
            var displays = facts.DisplayAdapters.GetValueOrDefault([]).Select(d => d.PciAddress).ToHashSet();
            Assert.DoesNotContain(facts.Accelerators.GetValueOrDefault([]), a => displays.Contains(a.PciAddress));
            Assert.Equal(facts.Accelerators.IsKnown ? facts.Accelerators.Value.Count : null, HostSummary.Of(facts).Accelerators);
            var driver = Find(fixture, "inference-latency", "GPU001");
            if (facts.Accelerators.GetValueOrDefault([]).Count == 0 && facts.Accelerators.IsKnown)
            {
                Assert.Equal(FindingStatus.NotApplicable, driver.Status);
            }
        }
    }

    [Fact]
    public void Gaudi_passes_its_driver_and_firmware_and_wants_an_unlimited_memlock_in_every_profile()
    {
        var driver = Find("gaudi2-habana", "training-throughput", "GPU001");
        var firmware = Find("gaudi2-habana", "training-throughput", "GPU006");
        var memlock = Find("gaudi2-habana", "training-throughput", "CGR004");

        Assert.Equal(FindingStatus.Pass, driver.Status);
        Assert.Equal("habana ai-accelerator 0000:98:00.0: habanalabs", driver.Current);
        Assert.Equal(FindingStatus.Pass, firmware.Status);
        Assert.Equal("0000:98:00.0: 2 file(s) in /lib/firmware/habanalabs", firmware.Current);
        Assert.Equal(FindingStatus.Warn, memlock.Status);
        Assert.StartsWith("unlimited (Gaudi 0000:98:00.0", memlock.Expected);
    }

    [Fact]
    public void Without_gaudi_the_memlock_rule_stays_an_inference_rule()
    {
        Assert.DoesNotContain(AuditEngine.Evaluate(Facts("xeon-bmc-ast"), ProfileCatalog.BuiltIn.Select("training-throughput"), null), f => f.Id == "CGR004");
    }

    [Fact]
    public void The_npu_host_passes_its_drivers_and_firmware_and_peer_to_peer_does_not_apply()
    {
        var driver = Find("npu-meteorlake", "inference-latency", "GPU001");
        var iommu = Find("npu-meteorlake", "inference-latency", "GPU004");
        var firmware = Find("npu-meteorlake", "inference-latency", "GPU006");

        Assert.Equal(FindingStatus.Pass, driver.Status);
        Assert.Equal("intel gpu 0000:00:02.0: i915; intel npu 0000:00:0b.0: intel_vpu", driver.Current);
        Assert.Equal(FindingStatus.NotApplicable, iommu.Status);
        Assert.Contains("NPUs and integrated GPUs do not", iommu.Note);
        Assert.Equal(FindingStatus.Pass, firmware.Status);
    }

    [Fact]
    public void The_h100_has_its_infiniband_hca_on_its_node_and_the_port_is_active()
    {
        var local = Find("xeon-2numa-nvidia", "inference-latency", "NET013");
        var ports = Find("xeon-2numa-nvidia", "inference-latency", "NET014");

        Assert.Equal(FindingStatus.Pass, local.Status);
        Assert.Equal("0000:98:00.0 on node 1: mlx5_0", local.Current);
        Assert.Equal(FindingStatus.Pass, ports.Status);
        Assert.Equal("mlx5_0 port 1: ACTIVE (LinkUp), InfiniBand, 400 Gb/sec (4X NDR)", ports.Current);
    }

    [Fact]
    public void Rdma_rules_do_not_apply_without_rdma_devices_and_say_why()
    {
        var local = Find("gaudi2-habana", "inference-latency", "NET013");
        var ports = Find("xeon-bmc-ast", "inference-latency", "NET014");

        Assert.Equal(FindingStatus.NotApplicable, local.Status);
        Assert.Contains("no RDMA device", local.Note);
        Assert.Equal(FindingStatus.NotApplicable, ports.Status);
    }

    [Fact]
    public void An_rdma_nic_on_the_other_node_and_a_down_port_warn()
    {
        var facts = Facts("xeon-2numa-nvidia");
        var hca = facts.Rdma.Value[0];
        var port = hca.Ports.Value[0] with { State = "DOWN", PhysicalState = "Disabled" };
        var moved = facts with { Rdma = Fact.Known<IReadOnlyList<AiTune.Inspection.Rdma.RdmaDevice>>([hca with { NumaNode = 0, Ports = Fact.Known<IReadOnlyList<AiTune.Inspection.Rdma.RdmaPort>>([port]) }]) };
        var findings = AuditEngine.Evaluate(moved, ProfileCatalog.BuiltIn.Select("inference-latency"), null);

        var local = findings.Single(f => f.Id == "NET013");
        var ports = findings.Single(f => f.Id == "NET014");
        Assert.Equal(FindingStatus.Warn, local.Status);
        Assert.Equal("0000:98:00.0 on node 1: none", local.Current);
        Assert.Contains("mlx5_0 on node 0", local.Note);
        Assert.Equal(FindingStatus.Warn, ports.Status);
        Assert.Equal("mlx5_0 port 1: DOWN (Disabled), InfiniBand", ports.Current);
    }
}
