using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Snapshots;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;
using CsCheck;

namespace AiTune.Tests.Tuning.Writing;

public class KnobLocatorTests
{
    private static readonly Dictionary<string, HostFacts> Cache = new();

    private static HostFacts Facts(string fixture)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fixture, out var facts))
            {
                var (root, source) = HostRootOpener.Open(FixturePaths.Host(fixture), "test");
                using (root)
                {
                    facts = HostInspector.Inspect(root, source);
                }

                Cache[fixture] = facts;
            }

            return facts;
        }
    }

    private static HostFacts WithRelease(string fixture, Fact<string> release)
    {
        var facts = Facts(fixture);
        return facts with { Kernel = facts.Kernel with { Release = release } };
    }

    private static KnobLocation? Locate(HostFacts facts, Knob knob, string subject = "") =>
        KnobLocator.Locate(facts, knob, subject, out _);

    [Theory]
    [InlineData("vm.swappiness", "/proc/sys/vm/swappiness")]
    [InlineData("net.ipv4.tcp_rmem", "/proc/sys/net/ipv4/tcp_rmem")]
    [InlineData("vm.compact_memory", "/proc/sys/vm/compact_memory")]
    public void A_sysctl_key_becomes_its_proc_sys_file(string key, string path)
    {
        var location = Locate(Facts("xeon-2numa-nvidia"), Knob.Sysctl(key));

        Assert.Equal(new KnobLocation(path, KnobValueMapping.Verbatim), location);
    }

    [Theory]
    [InlineData("enabled", "/sys/kernel/mm/transparent_hugepage/enabled")]
    [InlineData("defrag", "/sys/kernel/mm/transparent_hugepage/defrag")]
    [InlineData("shmem_enabled", "/sys/kernel/mm/transparent_hugepage/shmem_enabled")]
    [InlineData("khugepaged_defrag", "/sys/kernel/mm/transparent_hugepage/khugepaged/defrag")]
    public void Thp_knobs_map_to_their_sysfs_files(string name, string path)
    {
        Assert.Equal(path, Locate(Facts("xeon-2numa-nvidia"), Knob.Thp(name))!.Path);
    }

    [Fact]
    public void Cpufreq_policy_knobs_live_in_the_policy_directory()
    {
        var facts = Facts("xeon-2numa-nvidia");

        Assert.Equal("/sys/devices/system/cpu/cpufreq/policy3/scaling_governor", Locate(facts, Knob.Cpu("governor"), "policy3")!.Path);
        Assert.Equal("/sys/devices/system/cpu/cpufreq/policy0/energy_performance_preference", Locate(facts, Knob.Cpu("energy_performance_preference"), "policy0")!.Path);
    }

    [Fact]
    public void Boost_is_the_inverted_no_turbo_under_intel_pstate()
    {
        var location = Locate(Facts("xeon-2numa-nvidia"), Knob.Cpu("boost"))!;

        Assert.Equal("/sys/devices/system/cpu/intel_pstate/no_turbo", location.Path);
        Assert.Equal(KnobValueMapping.InvertedFlag, location.Mapping);
        Assert.Equal("0", location.ToFile("1"));
        Assert.Equal("1", location.FromFile("0"));
    }

    [Fact]
    public void Boost_is_cpufreq_boost_under_acpi_cpufreq()
    {
        var location = Locate(Facts("epyc-amdgpu-rt-cgv1"), Knob.Cpu("boost"))!;

        Assert.Equal(new KnobLocation("/sys/devices/system/cpu/cpufreq/boost"), location);
        Assert.Equal("1", location.ToFile("1"));
    }

    [Fact]
    public void Block_knobs_go_through_sys_block_of_the_device()
    {
        Assert.Equal("/sys/block/nvme0n1/queue/scheduler", Locate(Facts("xeon-2numa-nvidia"), Knob.Block("nvme", "scheduler"), "nvme0n1")!.Path);
        Assert.Equal("/sys/block/sda/queue/read_ahead_kb", Locate(Facts("epyc-amdgpu-rt-cgv1"), Knob.Block("ssd", "read_ahead_kb"), "sda")!.Path);
    }

    [Fact]
    public void Huge_pages_are_host_wide_or_per_node()
    {
        var facts = Facts("xeon-2numa-nvidia");

        Assert.Equal("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", Locate(facts, Knob.HugePages("2048kB"))!.Path);
        Assert.Equal("/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages", Locate(facts, Knob.HugePages("1048576kB"), "node1")!.Path);
    }

    [Theory]
    [InlineData("block", "../../etc")]
    [InlineData("block", ".")]
    [InlineData("block", "..")]
    [InlineData("block", "sda/../../x")]
    [InlineData("block", "")]
    [InlineData("cpu", "policy0/../../..")]
    [InlineData("cpu", "cpu0")]
    [InlineData("cpu", "")]
    [InlineData("hugepages", "node1/../..")]
    [InlineData("hugepages", "nodeX")]
    [InlineData("sysctl", "policy0")]
    [InlineData("scheduler", "x")]
    public void A_subject_that_is_not_a_kernel_name_is_refused(string kind, string subject)
    {
        var knob = kind switch
        {
            "block" => Knob.Block("nvme", "scheduler"),
            "cpu" => Knob.Cpu("governor"),
            "hugepages" => Knob.HugePages("2048kB"),
            "sysctl" => Knob.Sysctl("vm.swappiness"),
            _ => Knob.Scheduler("migration_cost_ns"),
        };

        var error = Assert.Throws<AiTuneException>(() => Locate(Facts("xeon-2numa-nvidia"), knob, subject));
        Assert.Contains("is not a subject of", error.Message);
    }

    [Fact]
    public void An_unknown_knob_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => Locate(Facts("xeon-2numa-nvidia"), Knob.Thp("pages_to_scan")));

        Assert.Contains("thp:pages_to_scan", error.Message);
    }

    [Theory]
    [InlineData("5.10.0-28-amd64", "base_slice_ns", "/proc/sys/kernel/sched_min_granularity_ns")]
    [InlineData("5.10.0-28-amd64", "latency_ns", "/proc/sys/kernel/sched_latency_ns")]
    [InlineData("5.10.0-28-amd64", "migration_cost_ns", "/proc/sys/kernel/sched_migration_cost_ns")]
    [InlineData("4.18.0-553.el8_10.x86_64", "tunable_scaling", "/proc/sys/kernel/sched_tunable_scaling")]
    [InlineData("5.12.19", "wakeup_granularity_ns", "/proc/sys/kernel/sched_wakeup_granularity_ns")]
    [InlineData("5.13.0", "base_slice_ns", "/sys/kernel/debug/sched/min_granularity_ns")]
    [InlineData("5.15.0-130-generic", "nr_migrate", "/sys/kernel/debug/sched/nr_migrate")]
    [InlineData("6.5.13", "latency_ns", "/sys/kernel/debug/sched/latency_ns")]
    [InlineData("6.5.13", "wakeup_granularity_ns", "/sys/kernel/debug/sched/wakeup_granularity_ns")]
    [InlineData("6.6.0-rc1", "base_slice_ns", "/sys/kernel/debug/sched/base_slice_ns")]
    [InlineData("6.12.10-hardened1-1-hardened", "migration_cost_ns", "/sys/kernel/debug/sched/migration_cost_ns")]
    [InlineData("6.18.44", "tunable_scaling", "/sys/kernel/debug/sched/tunable_scaling")]
    [InlineData("10.1.0", "base_slice_ns", "/sys/kernel/debug/sched/base_slice_ns")]
    public void Scheduler_tunables_follow_the_kernel_that_runs(string release, string name, string path)
    {
        var location = KnobLocator.Locate(WithRelease("xeon-2numa-nvidia", release), Knob.Scheduler(name), "", out var notApplicable);

        Assert.Null(notApplicable);
        Assert.Equal(path, location!.Path);
    }

    [Theory]
    [InlineData("latency_ns")]
    [InlineData("wakeup_granularity_ns")]
    public void Eevdf_kernels_have_no_latency_or_wakeup_granularity(string name)
    {
        var location = KnobLocator.Locate(Facts("xeon-2numa-nvidia"), Knob.Scheduler(name), "", out var notApplicable);

        Assert.Null(location);
        Assert.Equal("removed with EEVDF in 6.6 (this kernel is 6.8.0-51-generic)", notApplicable);
    }

    [Fact]
    public void The_fixture_kernels_place_base_slice_by_their_release()
    {
        Assert.Equal("/sys/kernel/debug/sched/min_granularity_ns", Locate(Facts("epyc-amdgpu-rt-cgv1"), Knob.Scheduler("base_slice_ns"))!.Path);
        Assert.Equal("/sys/kernel/debug/sched/base_slice_ns", Locate(Facts("kvm-hardened"), Knob.Scheduler("base_slice_ns"))!.Path);
    }

    [Fact]
    public void An_unknown_kernel_release_leaves_the_scheduler_unlocated_with_the_reason()
    {
        var unknown = WithRelease("xeon-2numa-nvidia", Fact.Unknown<string>(UnknownReason.Absent("/proc/sys/kernel/osrelease")));
        var location = KnobLocator.Locate(unknown, Knob.Scheduler("migration_cost_ns"), "", out var notApplicable);

        Assert.Null(location);
        Assert.Contains("kernel release is unknown (/proc/sys/kernel/osrelease does not exist)", notApplicable);

        var garbage = KnobLocator.Locate(WithRelease("xeon-2numa-nvidia", "linux"), Knob.Scheduler("migration_cost_ns"), "", out notApplicable);
        Assert.Null(garbage);
        Assert.Contains("\"linux\" has no major.minor", notApplicable);
    }

    [Fact]
    public void A_command_line_parameter_has_no_runtime_file()
    {
        var location = KnobLocator.Locate(Facts("xeon-2numa-nvidia"), Knob.Cmdline("iommu"), "", out var notApplicable);

        Assert.Null(location);
        Assert.StartsWith("takes effect at the next boot", notApplicable);
    }

    [Fact]
    public void Every_located_file_of_every_knob_is_on_the_allow_list()
    {
        var located = new List<string>();
        foreach (var fixture in new[] { "xeon-2numa-nvidia", "epyc-amdgpu-rt-cgv1", "kvm-hardened" })
        {
            foreach (var release in new[] { "4.19.0", "5.13.0", "6.5.0", "6.6.0" })
            {
                var facts = WithRelease(fixture, release);
                var knobs = KnobReader.ThpNames.Select(n => (Knob.Thp(n), ""))
                    .Concat(KnobReader.CpuNames.Select(n => (Knob.Cpu(n), n == "boost" ? "" : "policy7")))
                    .Concat(KnobReader.BlockNames.Select(n => (Knob.Block("nvme", n), "nvme0n1")))
                    .Concat(KnobReader.SchedulerNames.Select(n => (Knob.Scheduler(n), "")))
                    .Concat([(Knob.HugePages("2048kB"), ""), (Knob.HugePages("1048576kB"), "node3"), (Knob.Sysctl("vm.nr_hugepages"), ""), (Knob.Sysctl("net.core.somaxconn"), "")]);
                foreach (var (knob, subject) in knobs)
                {
                    if (KnobLocator.Locate(facts, knob, subject, out _) is { } location)
                    {
                        located.Add(location.Path);
                    }
                }
            }
        }

        Assert.Equal(246, located.Count);
        Assert.All(located, path => Assert.True(KnobLocator.IsAllowed(path), path));
    }

    [Theory]
    [InlineData("/proc/sys/vm/swappiness")]
    [InlineData("/proc/sys/vm/compact_memory")]
    [InlineData("/proc/sys/net/ipv4/conf/all/rp_filter")]
    [InlineData("/proc/sys/kernel/sched_min_granularity_ns")]
    [InlineData("/sys/kernel/mm/transparent_hugepage/enabled")]
    [InlineData("/sys/kernel/mm/transparent_hugepage/khugepaged/defrag")]
    [InlineData("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages")]
    [InlineData("/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages")]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy12/scaling_governor")]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy0/energy_performance_preference")]
    [InlineData("/sys/devices/system/cpu/cpufreq/boost")]
    [InlineData("/sys/devices/system/cpu/intel_pstate/no_turbo")]
    [InlineData("/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda/queue/scheduler")]
    [InlineData("/sys/devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1/queue/read_ahead_kb")]
    [InlineData("/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1/queue/nr_requests")]
    [InlineData("/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda/queue/max_sectors_kb")]
    [InlineData("/sys/block/sda/queue/scheduler")]
    [InlineData("/sys/kernel/debug/sched/base_slice_ns")]
    [InlineData("/sys/kernel/debug/sched/min_granularity_ns")]
    public void The_allow_list_admits_the_knob_files(string path)
    {
        Assert.True(KnobLocator.IsAllowed(path));
    }

    [Theory]
    [InlineData("/proc/sys")]
    [InlineData("/proc/sys/")]
    [InlineData("/proc/sys/vm/")]
    [InlineData("/proc/sys/vm//swappiness")]
    [InlineData("/proc/sys/vm/./swappiness")]
    [InlineData("/proc/sys/../../etc/shadow")]
    [InlineData("/proc/sys/vm/swappiness\n")]
    [InlineData("/proc/sys/net/ipv4/conf/eth0.100/rp_filter")]
    [InlineData("proc/sys/vm/swappiness")]
    [InlineData("/proc/self/fd/3")]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/sysctl.d/99-aitune.conf")]
    [InlineData("/sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan")]
    [InlineData("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_overcommit_hugepages")]
    [InlineData("/sys/kernel/mm/hugepages/hugepages-0kB/nr_hugepages")]
    [InlineData("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq")]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy0/../boost")]
    [InlineData("/sys/block/sda/queue/iosched/slice_idle")]
    [InlineData("/sys/block/sda/queue/rotational")]
    [InlineData("/sys/block/../queue/scheduler")]
    [InlineData("/sys/block/./queue/scheduler")]
    [InlineData("/sys/devices/../block/sda/queue/scheduler")]
    [InlineData("/sys/devices/virtual/block/.hidden/queue/scheduler")]
    [InlineData("/sys/class/block/sda/queue/scheduler")]
    [InlineData("/sys/kernel/debug/sched/features")]
    [InlineData("/sys/kernel/debug/sched/preempt")]
    [InlineData("/sys/kernel/security/lockdown")]
    [InlineData("/proc/sys/kernel/core_pattern")]
    [InlineData("/proc/sys/kernel/modprobe")]
    [InlineData("/proc/sys/kernel/hotplug")]
    [InlineData("/proc/sys/kernel/poweroff_cmd")]
    [InlineData("/proc/sys/fs/binfmt_misc/register")]
    [InlineData("/proc/sys/fs/binfmt_misc/status")]
    public void The_allow_list_refuses_everything_else(string path)
    {
        Assert.False(KnobLocator.IsAllowed(path));
    }

    [Fact]
    public void No_path_with_a_dot_dot_component_is_ever_allowed()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 12], Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Int[0, 3]).Sample((before, after, prefix) =>
        {
            string start = prefix switch
            {
                0 => "/proc/sys/",
                1 => "/sys/devices/",
                2 => "/sys/block/",
                _ => "/sys/kernel/mm/",
            };
            string path = $"{start}{before}/../{after}/queue/scheduler";

            Assert.False(KnobLocator.IsAllowed(path), path);
            Assert.False(KnobLocator.IsAllowed(start + before + "/../" + after), path);
        });
    }

    [Fact]
    public void No_path_with_a_control_character_is_ever_allowed()
    {
        var control = Gen.OneOf(Gen.Char['\0', '\x1f'], Gen.Char['\x7f', '\x9f']);
        Gen.Select(Gen.String, control, Gen.String, (before, c, after) => before + c + after).Sample(text =>
        {
            Assert.False(KnobLocator.IsAllowed("/proc/sys/vm/" + text));
            Assert.False(KnobLocator.IsAllowed("/sys/block/" + text + "/queue/scheduler"));
        });
    }
}
