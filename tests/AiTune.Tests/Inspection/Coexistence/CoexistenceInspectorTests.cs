using System.Diagnostics;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Coexistence;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Coexistence;

public class CoexistenceInspectorTests
{
    private static CoexistenceFacts InspectFixture(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return CoexistenceInspector.Inspect(root);
    }

    [Fact]
    public void Xeon_kubernetes_worker_tuned_by_tuned()
    {
        var facts = InspectFixture("xeon-2numa-nvidia");

        Assert.Equal([new RunningDaemon(1187, "tuned"), new RunningDaemon(1342, "containerd"), new RunningDaemon(1570, "kubelet")], facts.Daemons.Value);
        Assert.Equal(["throughput-performance"], facts.Tuned.ActiveProfiles.Value);
        Assert.Equal("manual", facts.Tuned.ProfileMode.Value);
        Assert.True(facts.Tuned.Running.Value);
        Assert.False(facts.BpftuneRunning.Value);
        Assert.True(facts.KubeletRunning.Value);
        Assert.Equal(
            [new ForwardingEvidence("process", "containerd"), new ForwardingEvidence("process", "kubelet"), new ForwardingEvidence("interface", "cni0")],
            facts.ForwardingEvidence.Value);
    }

    [Fact]
    public void Epyc_tree_without_processes_or_interfaces_says_so()
    {
        var facts = InspectFixture("epyc-amdgpu-rt-cgv1");

        const string noProcesses = "/proc holds no process directory (a host tree captured without processes)";
        Assert.Equal(new UnknownReason(UnknownKind.Absent, noProcesses), facts.Daemons.Reason);
        Assert.Equal(UnknownReason.Absent("/etc/tuned/active_profile"), facts.Tuned.ActiveProfiles.Reason);
        Assert.Equal(UnknownReason.Absent("/etc/tuned/profile_mode"), facts.Tuned.ProfileMode.Reason);
        Assert.Equal(noProcesses, facts.Tuned.Running.Reason!.Detail);
        Assert.Equal(noProcesses, facts.BpftuneRunning.Reason!.Detail);
        Assert.Equal(noProcesses, facts.KubeletRunning.Reason!.Detail);
        Assert.Equal(new UnknownReason(UnknownKind.Absent, "no sign of container networking was found, but the search was incomplete: " + noProcesses),
            facts.ForwardingEvidence.Reason);
    }

    [Fact]
    public void Kvm_hardened_runs_none_of_them()
    {
        var facts = InspectFixture("kvm-hardened");

        Assert.Empty(facts.Daemons.Value);
        Assert.Equal(UnknownKind.Absent, facts.Tuned.ActiveProfiles.Reason!.Kind);
        Assert.False(facts.Tuned.Running.Value);
        Assert.False(facts.BpftuneRunning.Value);
        Assert.False(facts.KubeletRunning.Value);
        Assert.Empty(facts.ForwardingEvidence.Value);
    }

    [Fact]
    public void This_vm_capture_has_no_interfaces_so_forwarding_is_unknown()
    {
        var facts = InspectFixture("this-vm");

        Assert.Empty(facts.Daemons.Value);
        Assert.False(facts.Tuned.Running.Value);
        Assert.False(facts.KubeletRunning.Value);
        Assert.Equal(new UnknownReason(UnknownKind.Absent, "no sign of container networking was found, but the search was incomplete: /sys/class/net does not exist"),
            facts.ForwardingEvidence.Reason);
    }

    [Fact]
    public void Processes_that_vanish_between_the_listing_and_the_read_are_skipped()
    {
        using var root = new ScriptedHostRoot()
            .Listing("/proc", Pids(1, 50, 60, 70))
            .File("/proc/1/comm", "systemd\n")
            .FailingFile("/proc/60/comm", new UnknownReason(UnknownKind.Unreadable, "cannot read /proc/60/comm: No such process"))
            .File("/proc/70/comm", "bpftune\n");

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal([new RunningDaemon(70, "bpftune")], facts.Daemons.Value);
        Assert.True(facts.BpftuneRunning.Value);
        Assert.False(facts.KubeletRunning.Value);
    }

    [Fact]
    public void A_live_proc_that_hides_other_users_processes_makes_the_scan_unknown_not_empty()
    {
        // What a service under systemd's ProtectProc=invisible sees: its own processes only, no PID 1. TuneD, run by
        // root, is not listed, and "not running" would be a wrong finding.
        using var root = new ScriptedHostRoot { Live = true }
            .Listing("/proc", Pids(4711))
            .File("/proc/4711/comm", "aitune\n");

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal(UnknownKind.PermissionDenied, facts.Daemons.Reason!.Kind);
        Assert.Equal("/proc hides other users' processes (mounted with hidepid=, as systemd's ProtectProc= does): a daemon run by another user would be missed", facts.Daemons.Reason.Detail);
        Assert.False(facts.KubeletRunning.IsKnown);
        Assert.False(facts.BpftuneRunning.IsKnown);
    }

    [Fact]
    public void A_process_listed_but_closed_to_this_user_makes_the_scan_unknown_not_skipped()
    {
        // hidepid=noaccess (systemd's ProtectProc=noaccess): every process is listed, other users' cannot be read.
        // Unlike a process that vanished (ESRCH), that is a daemon that may run unseen.
        using var root = new ScriptedHostRoot()
            .Listing("/proc", Pids(1, 812))
            .FailingFile("/proc/1/comm", new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /proc/1/comm (needs root)"))
            .FailingFile("/proc/812/comm", new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /proc/812/comm (needs root)"));

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal(UnknownKind.PermissionDenied, facts.Daemons.Reason!.Kind);
        Assert.Equal("permission denied reading /proc/1/comm (needs root): /proc hides other users' processes from this user, so a daemon run by another user would be missed", facts.Daemons.Reason.Detail);
        Assert.False(facts.BpftuneRunning.IsKnown);
    }

    [Fact]
    public void A_live_proc_that_shows_pid_1_is_scanned()
    {
        using var root = new ScriptedHostRoot { Live = true }
            .Listing("/proc", Pids(1, 70))
            .File("/proc/1/comm", "systemd\n")
            .File("/proc/70/comm", "bpftune\n");

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal([new RunningDaemon(70, "bpftune")], facts.Daemons.Value);
    }

    [Fact]
    public void Garbage_and_huge_comm_files_are_not_daemon_names()
    {
        using var tree = new TempHostTree()
            .WriteBytes("/proc/10/comm", [0xff, 0xfe, 0x00, 0x6b])
            .Write("/proc/11/comm", "kubelet\nsecond line\n")
            .Write("/proc/12/comm", new string('k', 1 << 20))
            .Write("/proc/13/comm", " kubelet\n")
            .Write("/proc/14/comm", "KUBELET\n")
            .Write("/proc/15/comm", "\n")
            .Write("/proc/16/comm", "dockerd")
            .Write("/proc/0017/comm", "kubelet\n")
            .Write("/proc/4294967296/comm", "kubelet\n")
            .Write("/proc/18", "a file, not a process directory\n");
        using var root = tree.Root();

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal([new RunningDaemon(16, "dockerd")], facts.Daemons.Value);
        Assert.False(facts.KubeletRunning.Value);
        Assert.Equal([new ForwardingEvidence("process", "dockerd")], facts.ForwardingEvidence.Value);
    }

    [Fact]
    public void Random_comm_content_never_throws_and_matches_only_an_exact_daemon_name()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            using var root = new ScriptedHostRoot().File("/proc/1/comm", bytes);
            var daemons = ProcessScanner.Scan(root).Value;
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var name = text.EndsWith('\n') ? text[..^1] : text;
            Assert.Equal(WatchedDaemons.Contains(name) ? [new RunningDaemon(1, name)] : [], daemons);
        }, iter: 500);
    }

    [Fact]
    public void Pid_parsing_takes_only_what_the_kernel_writes()
    {
        Gen.String.Sample(text =>
        {
            var pid = ProcessScanner.ParsePid(text);
            Assert.True(pid is null || (pid > 0 && pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) == text));
        }, iter: 1000);
        Assert.Equal([1, 4194304, null, null, null, null, null], new[] { "1", "4194304", "0", "012", "-1", "self", "99999999999" }.Select(ProcessScanner.ParsePid));
    }

    [Fact]
    public void More_processes_than_the_bound_make_the_scan_unknown()
    {
        using var root = new ScriptedHostRoot().Listing("/proc", Pids([.. Enumerable.Range(1, ProcessScanner.MaxProcesses + 1)]));

        var daemons = ProcessScanner.Scan(root);

        Assert.Equal(new UnknownReason(UnknownKind.Unreadable, "/proc lists 131073 processes, more than the 131072 aitune scans"), daemons.Reason);
    }

    [Fact]
    public void An_unlistable_proc_makes_every_process_fact_unknown_but_a_live_pid_file_still_counts()
    {
        var denied = new UnknownReason(UnknownKind.PermissionDenied, "permission denied listing /proc (needs root)");
        using var root = new ScriptedHostRoot()
            .Listing("/proc", Fact.Unknown<IReadOnlyList<HostEntry>>(denied))
            .File("/run/tuned/tuned.pid", "812\n")
            .File("/proc/812/comm", "tuned\n")
            .File("/etc/tuned/active_profile", "accelerator-performance\n");

        var facts = CoexistenceInspector.Inspect(root);

        Assert.Equal(denied, facts.Daemons.Reason);
        Assert.True(facts.Tuned.Running.Value);
        Assert.Equal(denied, facts.KubeletRunning.Reason);
        Assert.Equal("no sign of container networking was found, but the search was incomplete: permission denied listing /proc (needs root)",
            facts.ForwardingEvidence.Reason!.Detail);
    }

    [Fact]
    public void A_stale_pid_file_does_not_make_tuned_run()
    {
        using var tree = new TempHostTree()
            .Write("/run/tuned/tuned.pid", "1187")
            .Write("/proc/1187/comm", "bash\n")
            .Write("/proc/1/comm", "systemd\n")
            .Write("/etc/tuned/active_profile", "balanced\n")
            .Write("/etc/tuned/profile_mode", "auto\n");
        using var root = tree.Root();

        var tuned = CoexistenceInspector.Inspect(root).Tuned;

        Assert.False(tuned.Running.Value);
        Assert.Equal(["balanced"], tuned.ActiveProfiles.Value);
        Assert.Equal("auto", tuned.ProfileMode.Value);
    }

    [Theory]
    [InlineData("network-latency cpu-partitioning\n", "network-latency,cpu-partitioning")]
    [InlineData("virtual-guest\n", "virtual-guest")]
    [InlineData("", "")]
    [InlineData("\n", "")]
    public void Active_profiles_are_the_names_tuned_wrote(string content, string expected)
    {
        using var root = new ScriptedHostRoot().File("/etc/tuned/active_profile", content);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), CoexistenceInspector.ReadActiveProfiles(root).Value);
    }

    [Fact]
    public void Hostile_tuned_state_files_are_unknown_not_guessed()
    {
        using var root = new ScriptedHostRoot()
            .File("/etc/tuned/active_profile", "../../etc/shadow\n")
            .File("/etc/tuned/profile_mode", "AUTO\n");
        using var huge = new ScriptedHostRoot().File("/etc/tuned/active_profile", new string('a', 5000));

        Assert.Equal(UnknownReason.Malformed("/etc/tuned/active_profile", "not a list of TuneD profile names"), CoexistenceInspector.ReadActiveProfiles(root).Reason);
        Assert.Equal(UnknownReason.Malformed("/etc/tuned/profile_mode", "expected auto or manual"), CoexistenceInspector.ReadProfileMode(root).Reason);
        Assert.Equal(UnknownKind.Unreadable, CoexistenceInspector.ReadActiveProfiles(huge).Reason!.Kind);
    }

    [Fact]
    public void Container_networks_are_found_by_interface_name()
    {
        using var tree = new TempHostTree()
            .Write("/proc/1/comm", "systemd\n")
            .Mkdir("/sys/class/net/lo").Mkdir("/sys/class/net/docker0").Mkdir("/sys/class/net/cali1a2b3c4d5e6")
            .Mkdir("/sys/class/net/cali").Mkdir("/sys/class/net/virbr0").Mkdir("/sys/class/net/docker1").Mkdir("/sys/class/net/flannel.1");
        using var root = tree.Root();

        var evidence = CoexistenceInspector.Inspect(root).ForwardingEvidence.Value;

        Assert.Equal(["cali1a2b3c4d5e6", "docker0", "flannel.1", "virbr0"], evidence.Select(e => e.Name));
        Assert.All(evidence, e => Assert.Equal("interface", e.Kind));
    }

    [Fact]
    public void K3s_embeds_the_kubelet()
    {
        using var root = new ScriptedHostRoot().File("/proc/900/comm", "k3s-server\n");

        var facts = CoexistenceInspector.Inspect(root);

        Assert.True(facts.KubeletRunning.Value);
        Assert.Equal([new ForwardingEvidence("process", "k3s-server")], facts.ForwardingEvidence.Value);
    }

    [Fact]
    public async Task Live_scan_reads_this_machine_and_survives_processes_exiting_during_it()
    {
        using var root = new FileSystemHostRoot("/");
        var pid1 = File.ReadAllText("/proc/1/comm").TrimEnd('\n');
        Assert.Equal(pid1, ProcessScanner.ReadComm(root, 1));
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), root.ReadLinkName("/proc/self").Value);

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
                await process.WaitForExitAsync();
            }
        });
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var facts = CoexistenceInspector.Inspect(new FileSystemHostRoot("/"));
                Assert.All(facts.Daemons.Value, d => Assert.True(WatchedDaemons.Contains(d.Name) && d.Pid > 0));
                Assert.Equal(facts.Daemons.Value.Any(d => d.Name == "kubelet" || WatchedDaemons.K3s.Contains(d.Name)), facts.KubeletRunning.Value);
                Assert.True(facts.ForwardingEvidence.IsKnown);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await churn;
        }
    }

    private static Fact<IReadOnlyList<HostEntry>> Pids(params int[] pids) =>
        pids.Select(p => new HostEntry(p.ToString(System.Globalization.CultureInfo.InvariantCulture), HostEntryKind.Directory)).ToList();
}
