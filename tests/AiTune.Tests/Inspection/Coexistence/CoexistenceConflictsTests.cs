using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Coexistence;
using AiTune.Knobs;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Coexistence;

public class CoexistenceConflictsTests
{
    private const string TunedSwappiness = "TuneD profile 'throughput-performance' is active and may set vm.swappiness back when it re-applies";

    private static readonly UnknownReason NotThere = new(UnknownKind.Absent, "not in this test");

    private static CoexistenceFacts Xeon()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"));
        return CoexistenceInspector.Inspect(root);
    }

    private static CoexistenceFacts Nothing() => new(
        Fact.Known<IReadOnlyList<RunningDaemon>>([]),
        new TunedFacts(Fact.Unknown<IReadOnlyList<string>>(NotThere), Fact.Unknown<string>(NotThere), false),
        false,
        false,
        Fact.Known<IReadOnlyList<ForwardingEvidence>>([]));

    [Fact]
    public void On_the_xeon_tuned_rewrites_sysctls()
    {
        Assert.Equal([TunedSwappiness], CoexistenceConflicts.ConflictsFor(Xeon(), Knob.Sysctl("vm.swappiness"), "10"));
    }

    [Fact]
    public void On_the_xeon_kubelet_insists_on_overcommit_only_when_the_target_differs()
    {
        var facts = Xeon();

        Assert.Equal(
            [
                "TuneD profile 'throughput-performance' is active and may set vm.overcommit_memory back when it re-applies",
                "kubelet expects vm.overcommit_memory=1 (with --protect-kernel-defaults it refuses to start otherwise)",
            ],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("vm.overcommit_memory"), "0"));
        Assert.Equal(
            ["TuneD profile 'throughput-performance' is active and may set vm.overcommit_memory back when it re-applies"],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("vm.overcommit_memory"), " 1"));
        Assert.Contains("kubelet expects kernel.keys.root_maxbytes=25000000 (with --protect-kernel-defaults it refuses to start otherwise)",
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("kernel.keys.root_maxbytes"), "1000"));
    }

    [Fact]
    public void On_the_xeon_containers_need_forwarding()
    {
        var facts = Xeon();

        Assert.Equal(
            [
                "TuneD profile 'throughput-performance' is active and may set net.ipv4.ip_forward back when it re-applies",
                "containers on this host need net.ipv4.ip_forward=1 (containerd running, kubelet running, cni0 present)",
            ],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("net.ipv4.ip_forward"), "0"));
        Assert.Equal(["TuneD profile 'throughput-performance' is active and may set net.ipv4.ip_forward back when it re-applies"],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("net.ipv4.ip_forward"), "1"));
    }

    [Theory]
    [InlineData("thp", "enabled", "TuneD profile 'throughput-performance' is active and may set thp:enabled back when it re-applies")]
    [InlineData("thp", "defrag", "TuneD profile 'throughput-performance' is active and may set thp:defrag back when it re-applies")]
    [InlineData("thp", "shmem_enabled", null)]
    [InlineData("thp", "khugepaged_defrag", null)]
    [InlineData("cpu", "governor", "TuneD profile 'throughput-performance' is active and may set cpu:governor back when it re-applies")]
    [InlineData("cpu", "energy_performance_preference", "TuneD profile 'throughput-performance' is active and may set cpu:energy_performance_preference back when it re-applies")]
    [InlineData("cpu", "boost", "TuneD profile 'throughput-performance' is active and may set cpu:boost back when it re-applies")]
    [InlineData("block", "scheduler", "TuneD profile 'throughput-performance' is active and may set block.nvme:scheduler back when it re-applies")]
    [InlineData("block", "read_ahead_kb", "TuneD profile 'throughput-performance' is active and may set block.nvme:read_ahead_kb back when it re-applies")]
    [InlineData("block", "nr_requests", null)]
    [InlineData("block", "max_sectors_kb", null)]
    [InlineData("scheduler", "base_slice_ns", "TuneD profile 'throughput-performance' is active and may set scheduler:base_slice_ns back when it re-applies")]
    [InlineData("cmdline", "iommu", null)]
    [InlineData("hugepages", "2048kB", null)]
    public void Tuned_conflicts_only_where_one_of_its_plugins_manages_the_knob(string kind, string name, string? expected)
    {
        var knob = kind switch
        {
            "thp" => Knob.Thp(name),
            "cpu" => Knob.Cpu(name),
            "block" => Knob.Block("nvme", name),
            "scheduler" => Knob.Scheduler(name),
            "cmdline" => Knob.Cmdline(name),
            _ => Knob.HugePages(name),
        };

        Assert.Equal(expected is null ? [] : [expected], CoexistenceConflicts.ConflictsFor(Xeon(), knob, "x"));
    }

    [Fact]
    public void A_tuned_profile_without_a_running_daemon_or_an_empty_profile_conflicts_with_nothing()
    {
        var stopped = Xeon() with { Tuned = new TunedFacts(Fact.Known<IReadOnlyList<string>>(["throughput-performance"]), "manual", false) };
        var off = Xeon() with { Tuned = new TunedFacts(Fact.Known<IReadOnlyList<string>>([]), "manual", true) };

        Assert.Empty(CoexistenceConflicts.ConflictsFor(stopped, Knob.Sysctl("vm.swappiness"), "10"));
        Assert.Empty(CoexistenceConflicts.ConflictsFor(off, Knob.Sysctl("vm.swappiness"), "10"));
    }

    [Fact]
    public void Doubt_about_tuned_is_said_not_hidden()
    {
        var unknownRunning = Nothing() with
        {
            Tuned = new TunedFacts(Fact.Known<IReadOnlyList<string>>(["network-latency", "cpu-partitioning"]), "manual",
                Fact.Unknown<bool>(UnknownKind.PermissionDenied, "permission denied listing /proc (needs root)")),
        };
        var unreadableProfile = Nothing() with
        {
            Tuned = new TunedFacts(Fact.Unknown<IReadOnlyList<string>>(UnknownKind.PermissionDenied, "permission denied reading /etc/tuned/active_profile (needs root)"),
                "manual", true),
        };

        Assert.Equal(["TuneD profiles 'network-latency', 'cpu-partitioning' are active and may set cpu:governor back when it re-applies (whether tuned is running is unknown: permission denied listing /proc (needs root))"],
            CoexistenceConflicts.ConflictsFor(unknownRunning, Knob.Cpu("governor"), "performance"));
        Assert.Equal(["tuned is running (its active profile could not be read: permission denied reading /etc/tuned/active_profile (needs root)) and may set vm.swappiness back when it re-applies"],
            CoexistenceConflicts.ConflictsFor(unreadableProfile, Knob.Sysctl("vm.swappiness"), "1"));
    }

    [Fact]
    public void Bpftune_backs_off_from_the_network_sysctls_it_tunes()
    {
        var facts = Nothing() with { BpftuneRunning = true };

        Assert.Equal(["bpftune adjusts net.core.netdev_max_backlog at runtime and backs off when someone else writes it"],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("net.core.netdev_max_backlog"), "16384"));
        Assert.Equal(["bpftune adjusts net.ipv4.tcp_rmem at runtime and backs off when someone else writes it"],
            CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("net.ipv4.tcp_rmem"), "4096 131072 16777216"));
        Assert.Empty(CoexistenceConflicts.ConflictsFor(facts, Knob.Sysctl("vm.swappiness"), "10"));
        Assert.Empty(CoexistenceConflicts.ConflictsFor(Nothing(), Knob.Sysctl("net.core.netdev_max_backlog"), "16384"));
    }

    [Fact]
    public void Forwarding_evidence_names_who_needs_it()
    {
        var docker = Nothing() with { ForwardingEvidence = Fact.Known<IReadOnlyList<ForwardingEvidence>>([new("interface", "docker0")]) };
        var libvirt = Nothing() with { ForwardingEvidence = Fact.Known<IReadOnlyList<ForwardingEvidence>>([new("interface", "virbr0")]) };

        Assert.Equal(["containers on this host need net.ipv4.ip_forward=1 (docker0 present)"],
            CoexistenceConflicts.ConflictsFor(docker, Knob.Sysctl("net.ipv4.ip_forward"), "0"));
        Assert.Equal(["containers on this host need net.ipv4.conf.all.forwarding=1 (docker0 present)"],
            CoexistenceConflicts.ConflictsFor(docker, Knob.Sysctl("net.ipv4.conf.all.forwarding"), "0"));
        Assert.Equal(["virtual machines (libvirt NAT) on this host need net.ipv4.ip_forward=1 (virbr0 present)"],
            CoexistenceConflicts.ConflictsFor(libvirt, Knob.Sysctl("net.ipv4.ip_forward"), "0"));
        Assert.Empty(CoexistenceConflicts.ConflictsFor(Nothing(), Knob.Sysctl("net.ipv4.ip_forward"), "0"));
    }

    [Fact]
    public void The_kubelet_table_is_kubernetes_own()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["vm.overcommit_memory"] = "1", ["vm.panic_on_oom"] = "0", ["kernel.panic"] = "10", ["kernel.panic_on_oops"] = "1",
                ["kernel.keys.root_maxkeys"] = "1000000", ["kernel.keys.root_maxbytes"] = "25000000",
            },
            KubeletKernelDefaults.Values);
        Assert.All(BpftuneSysctls.Keys, key => Assert.True(KnobReader.IsValidSysctlKey(key), key));
    }
}
