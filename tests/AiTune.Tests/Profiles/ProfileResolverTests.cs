using AiTune.Audit;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Virtualization;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.Tests.Profiles;

public class ProfileResolverTests
{
    private static readonly ModelRequirement Model40GiB = new("--model-size 40GiB", 40L << 30);

    private static ProfileSelection User(string settings, string name = "t") =>
        ProfileCatalog.BuiltIn.WithUserProfiles([("t.toml", $"name = \"{name}\"\n{settings}")]).Select(name);

    private static ResolvedSetting Single(string settings, HostFacts facts, ModelRequirement? model = null) =>
        Assert.Single(ProfileResolver.Resolve(User(settings), facts, model).Settings);

    [Fact]
    public void Every_setting_of_every_built_in_profile_resolves_with_a_rationale_and_a_source_on_every_fixture()
    {
        foreach (var fixture in FixturePaths.AllHosts())
        {
            foreach (var profile in ProfileCatalog.BuiltIn.Selectable)
            {
                foreach (var model in new[] { null, Model40GiB })
                {
                    var resolved = ProfileResolver.Resolve(new ProfileSelection([profile]), HostFixtures.Facts(fixture), model);

                    Assert.Equal(profile.Settings.Count, resolved.Settings.Count);
                    Assert.All(resolved.Settings, s =>
                    {
                        Assert.False(string.IsNullOrWhiteSpace(s.Rationale));
                        Assert.False(string.IsNullOrWhiteSpace(s.Source));
                        Assert.True((s.Expectation is null) == (s.SkipReason is not null), $"{fixture} {profile.Name} {s.Knob}");
                    });
                }
            }
        }
    }

    [Fact]
    public void Model_sized_huge_pages_go_to_the_gpu_node_of_a_two_node_host()
    {
        var setting = ProfileResolver.Resolve(ProfileCatalog.BuiltIn.Select("inference-throughput"), HostFixtures.Facts("xeon-2numa-nvidia"), Model40GiB)
            .Settings.Single(s => s.Knob == Knob.HugePages("2048kB"));

        // 40 GiB × 1.05 / 2 MiB = 21504 pages, on node 1 where the H100 sits.
        Assert.Equal(1, setting.Node);
        Assert.Equal(ExpectationKind.AtLeast, setting.Expectation!.Kind);
        Assert.Equal("21504", setting.Expectation.Target);
        Assert.Null(setting.SkipReason);
    }

    [Fact]
    public void Model_sized_huge_pages_are_host_wide_on_one_node_and_round_up()
    {
        var facts = HostFixtures.Facts("kvm-hardened");
        var setting = Single("[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }", facts, new ModelRequirement("m", (8L << 30) + 1));

        Assert.Null(setting.Node);
        Assert.Equal("4097", setting.Expectation!.Target);
        Assert.Equal("4301", Single("[hugepages]\n\"2048kB\" = \"model\"", facts, new ModelRequirement("m", 8L << 30)).Expectation!.Target);
    }

    [Fact]
    public void Model_sized_huge_pages_are_skipped_without_a_model_and_sized_whatever_their_size()
    {
        var facts = HostFixtures.Facts("kvm-hardened");

        Assert.Equal(ModelSizing.NoModel, Single("[hugepages]\n\"2048kB\" = \"model\"", facts).SkipReason);
        // Whether the host can spare 1 TiB is the plan's guard to decide (--max-hugepages-share), not the sizing's.
        var tooLarge = Single("[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }", facts, new ModelRequirement("m", 1L << 40));
        Assert.Equal(Expectation.Parse(">=524288"), tooLarge.Expectation);
        Assert.Null(tooLarge.SkipReason);
    }

    [Fact]
    public void The_node_a_model_fits_depends_on_the_huge_pages_share()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia");
        var selection = User("[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }");
        var model = new ModelRequirement("m", 215L << 30); // 215 GiB: 85% of one 252 GiB node, over its 80%

        Assert.Null(Assert.Single(ProfileResolver.Resolve(selection, facts, model).Settings).Node);
        Assert.Equal(1, Assert.Single(ProfileResolver.Resolve(selection, facts, model, maxHugePagesShare: 0.9).Settings).Node);
    }

    [Fact]
    public void A_model_too_large_for_the_gpu_node_is_placed_host_wide()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia");

        // 300 GiB does not fit 80% of one 256 GiB node, but fits the 512 GiB host.
        var setting = Single("[hugepages]\n\"2048kB\" = \"model\"", facts, new ModelRequirement("m", 300L << 30));

        Assert.Null(setting.Node);
        Assert.Equal("161280", setting.Expectation!.Target);
    }

    [Theory]
    [InlineData("xeon-2numa-nvidia", "virtualization = \"none\"", true)]
    [InlineData("xeon-2numa-nvidia", "virtualization = \"vm\"", false)]
    [InlineData("kvm-hardened", "virtualization = \"vm\"", true)]
    [InlineData("kvm-hardened", "virtualization = \"xen|kvm\"", true)]
    [InlineData("kvm-hardened", "virtualization = \"none\"", false)]
    [InlineData("xeon-2numa-nvidia", "gpu_vendor = \"nvidia\"", true)]
    [InlineData("xeon-2numa-nvidia", "gpu_vendor = \"amd|intel\"", false)]
    [InlineData("epyc-amdgpu-rt-cgv1", "gpu_vendor = \"amd\"", true)]
    [InlineData("kvm-hardened", "gpu_vendor = \"none\"", true)]
    [InlineData("kvm-hardened", "gpu_vendor = \"nvidia\"", false)]
    [InlineData("xeon-2numa-nvidia", "kernel = \">=5.13\"", true)]
    [InlineData("xeon-2numa-nvidia", "kernel = \"<6.6\"", false)]
    [InlineData("xeon-2numa-nvidia", "kernel = \">=6.8,<6.9\"", true)]
    [InlineData("xeon-2numa-nvidia", "kernel = \"6.8\"", true)]
    [InlineData("epyc-amdgpu-rt-cgv1", "kernel = \">=5.15,<6.1\"", false)]
    [InlineData("epyc-amdgpu-rt-cgv1", "rotational = true", true)]
    [InlineData("xeon-2numa-nvidia", "rotational = true", false)]
    [InlineData("xeon-2numa-nvidia", "rotational = false", true)]
    [InlineData("xeon-2numa-nvidia", "numa_nodes = \">=2\"", true)]
    [InlineData("xeon-2numa-nvidia", "numa_nodes = 1", false)]
    [InlineData("kvm-hardened", "numa_nodes = \"1\"", true)]
    [InlineData("epyc-amdgpu-rt-cgv1", "flavor = \"rt\"", true)]
    [InlineData("xeon-2numa-nvidia", "flavor = \"generic/ubuntu\"", true)]
    [InlineData("xeon-2numa-nvidia", "flavor = \"rt|lowlatency\"", false)]
    [InlineData("xeon-2numa-nvidia", "numa_nodes = \">=2\", gpu_vendor = \"nvidia\", virtualization = \"none\"", true)]
    [InlineData("xeon-2numa-nvidia", "numa_nodes = \">=2\", gpu_vendor = \"amd\"", false)]
    public void Conditions_are_judged_against_the_facts(string fixture, string condition, bool applies)
    {
        var setting = Single($"[sysctl]\n\"vm.swappiness\" = {{ value = \"<=10\", when = {{ {condition} }} }}", HostFixtures.Facts(fixture));

        Assert.Equal(applies, setting.SkipReason is null);
        Assert.Equal(applies, setting.Expectation is not null);
        if (!applies)
        {
            Assert.Contains("; the setting applies when ", setting.SkipReason);
        }
    }

    [Fact]
    public void A_condition_on_an_unknown_fact_skips_the_setting_with_the_reason()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia") with
        {
            Virtualization = new VirtualizationFacts(Fact.Unknown<bool>(UnknownKind.PermissionDenied, "/sys/class/dmi/id/product_name: permission denied"),
                Fact.Unknown<string>(UnknownKind.PermissionDenied, "/sys/class/dmi/id/product_name: permission denied"), "none"),
        };

        var setting = Single("[sysctl]\n\"vm.swappiness\" = { value = \"<=10\", when = { virtualization = \"none\" } }", facts);

        Assert.Null(setting.Expectation);
        Assert.Equal("virtualization is unknown: /sys/class/dmi/id/product_name: permission denied", setting.SkipReason);
    }

    [Fact]
    public void A_condition_that_fails_explains_the_skip_before_one_that_is_unknown()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia") with { Accelerators = Fact.Unknown<IReadOnlyList<AiTune.Inspection.Accelerators.Accelerator>>(UnknownKind.Unreadable, "no /sys/bus/pci") };

        var setting = Single("[sysctl]\n\"vm.swappiness\" = { value = \"<=10\", when = { gpu_vendor = \"nvidia\", numa_nodes = 1 } }", facts);

        Assert.Equal("numa_nodes is 2; the setting applies when numa_nodes is 1", setting.SkipReason);
    }

    [Fact]
    public void A_user_setting_without_why_says_which_profile_and_file_set_it()
    {
        var setting = Single("[sysctl]\n\"vm.dirty_ratio\" = \"<=10\"", HostFixtures.Facts("xeon-2numa-nvidia"));

        Assert.Equal("set by profile t (t.toml)", setting.Rationale);
        Assert.Equal("t.toml", setting.Source);
    }

    [Fact]
    public void Settings_one_value_satisfies_together_do_not_conflict_and_skipped_settings_conflict_with_nothing()
    {
        var facts = HostFixtures.Facts("kvm-hardened");
        var resolved = ProfileResolver.Resolve(ProfileCatalog.BuiltIn.Select("inference-latency+training-throughput"), facts, null);

        Assert.Contains("workload: inference vs training", resolved.Conflicts);
        // madvise satisfies inference-latency's madvise and training-throughput's always|madvise.
        Assert.Equal(["inference-latency", "training-throughput"], resolved.Settings.Where(s => s.Knob == Knob.Thp("enabled")).Select(s => s.Profile));
        var thp = resolved.Combined.Single(c => c.Knob == Knob.Thp("enabled"));
        Assert.Equal(Expectation.Parse("madvise"), thp.Expectation);
        Assert.Null(thp.Conflict);
        // inference-latency's numa_balancing applies on multi-node hosts only; base's (through training) applies here.
        var numa = resolved.Combined.Single(c => c.Knob == Knob.Sysctl("kernel.numa_balancing"));
        Assert.Equal(2, numa.Settings.Count);
        Assert.Equal("base", Assert.Single(numa.Applying).Profile);
        Assert.Null(numa.Conflict);
        Assert.Equal(["workload: inference vs training"], resolved.Conflicts);
    }

    [Fact]
    public void Huge_pages_read_host_wide_or_per_node()
    {
        var facts = HostFixtures.Facts("xeon-2numa-nvidia");

        Assert.Equal("8192", Assert.Single(KnobReader.Read(facts, Knob.HugePages("2048kB")).Values).Value.Value);
        var node = Assert.Single(KnobReader.Read(facts, Knob.HugePages("2048kB"), 1).Values);
        Assert.Equal(("node1", "4096"), (node.Subject, node.Value.Value));
        Assert.Equal("16", KnobReader.Read(facts, Knob.HugePages("1048576kB")).Values[0].Value.Value);
        Assert.Equal("8", KnobReader.Read(facts, Knob.HugePages("1048576kB"), 0).Values[0].Value.Value);
        Assert.Contains("no 32768kB huge pages", KnobReader.Read(facts, Knob.HugePages("32768kB")).NotApplicable);
        Assert.Contains("NUMA node 7", KnobReader.Read(facts, Knob.HugePages("2048kB"), 7).NotApplicable);
    }

    [Fact]
    public void The_audit_judges_the_resolved_settings()
    {
        var xeon = HostFixtures.Facts("xeon-2numa-nvidia");
        var pages = AuditEngine.Evaluate(xeon, ProfileCatalog.BuiltIn.Select("inference-throughput"), Model40GiB).Single(f => f.Id == "MEM002");
        Assert.Equal(FindingStatus.Warn, pages.Status);
        Assert.Equal("node1: 4096", pages.Current);
        Assert.Equal(">= 21504 on node 1", pages.Expected);
        Assert.Contains("/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages", pages.Fix!.Runtime);
        Assert.Contains("hugepagesz=2M hugepages=1:21504", pages.Fix.Persistent);

        var noModel = AuditEngine.Evaluate(xeon, ProfileCatalog.BuiltIn.Select("inference-throughput"), null).Single(f => f.Id == "MEM002");
        Assert.Equal(FindingStatus.NotApplicable, noModel.Status);
        Assert.Equal(ModelSizing.NoModel, noModel.Note);

        var numa = AuditEngine.Evaluate(HostFixtures.Facts("kvm-hardened"), ProfileCatalog.BuiltIn.Select("inference-latency"), null).Single(f => f.Id == "MEM012");
        Assert.Equal(FindingStatus.NotApplicable, numa.Status);
        Assert.Equal("numa_nodes is 1; the setting applies when numa_nodes is >=2", numa.Note);
    }

    /// <summary>kvm-hardened as the live kernel would show it, without the sysctl vm.swapiness.</summary>
    private static HostFacts LiveWithout(string key)
    {
        var facts = HostFixtures.Facts("kvm-hardened");
        var runtime = new Dictionary<string, Fact<string>>(facts.Sysctls.Runtime) { [key] = Fact.Unknown<string>(UnknownKind.Absent, $"/proc/sys/{key.Replace('.', '/')}: no such file") };
        return facts with
        {
            Source = facts.Source with { Live = true },
            Sysctls = facts.Sysctls with { Runtime = runtime, KernelKeys = ["kernel.numa_balancing", "vm.dirty_ratio", "vm.swappiness"] },
        };
    }

    [Fact]
    public void A_user_profile_naming_a_sysctl_the_live_kernel_lacks_is_an_error_naming_the_closest_key()
    {
        var error = Assert.Throws<AiTuneException>(() => ProfileResolver.Resolve(User("[sysctl]\n\"vm.swapiness\" = \"<=10\""), LiveWithout("vm.swapiness"), null));

        Assert.Equal("vm.swapiness: no such sysctl on this kernel; did you mean vm.swappiness?", error.Message);
        Assert.Equal("profile t (t.toml) names it: correct the key, or remove the setting (sysctl -a lists the keys this kernel has)", error.Hint);
    }

    [Fact]
    public void A_user_setting_whose_condition_does_not_hold_is_not_checked_against_the_kernel()
    {
        var setting = Single("[sysctl]\n\"vm.swapiness\" = { value = \"<=10\", when = { numa_nodes = \">=2\" } }", LiveWithout("vm.swapiness"));

        Assert.Equal("numa_nodes is 1; the setting applies when numa_nodes is >=2", setting.SkipReason);
    }

    [Fact]
    public void A_built_in_profile_naming_a_sysctl_the_live_kernel_lacks_is_planned_as_a_skip_with_the_reason()
    {
        // Built-in profiles are written for many kernels: no error, and the plan (like the audit, and like both on a
        // snapshot of this host) skips the knob the kernel lacks.
        var builtIn = ProfileCatalog.FromTexts([("x.toml", "name = \"x\"\n[sysctl]\n\"kernel.sysrq\" = \"0\"\n")]).Select("x");
        var facts = LiveWithout("kernel.sysrq");

        var resolved = ProfileResolver.Resolve(builtIn, facts, null);
        var change = Assert.Single(AiTune.Tuning.Planning.Planner.Plan(facts, resolved, null, new AiTune.Tuning.Planning.PlanOptions()).Changes);

        Assert.Equal(Expectation.Parse("0"), Assert.Single(resolved.Settings).Expectation);
        Assert.Equal(AiTune.Tuning.Planning.PlanAction.Skip, change.Action);
        Assert.Equal("this kernel has no kernel.sysrq (/proc/sys/kernel/sysrq: no such file): the feature is not built in or the kernel predates it", change.Reason);
    }

    [Fact]
    public void On_a_host_tree_a_sysctl_it_did_not_capture_is_resolved_as_written()
    {
        var facts = LiveWithout("vm.swapiness") with { Source = HostFixtures.Facts("kvm-hardened").Source };

        var setting = Single("[sysctl]\n\"vm.swapiness\" = \"<=10\"", facts);

        Assert.Equal(Expectation.Parse("<=10"), setting.Expectation);
    }
}
