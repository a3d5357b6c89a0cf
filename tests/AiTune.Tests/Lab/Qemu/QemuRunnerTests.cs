using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Qemu;

/// <summary>The runner against stand-ins for QEMU (sh scripts), for its exits, its watchdog and its cancellation.</summary>
public class QemuRunnerTests
{
    private static QemuCommand Script(string script) => new("/bin/sh", ["-c", script], "", null, 1);

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    [Fact]
    public async Task A_guest_that_powers_off_is_powered_off_with_its_console()
    {
        using var work = LabWorkDirectory.Create();
        string console = work.File("console.log");

        var outcome = await QemuRunner.RunAsync(Script($"printf '[    1.000000] reboot: Power down\\r\\n' > '{console}'"), console, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(QemuExit.PoweredOff, outcome.Exit);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("[    1.000000] reboot: Power down\r\n", outcome.Console);
        Assert.True(outcome.WallTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_qemu_that_fails_is_crashed_with_its_exit_code_and_message()
    {
        using var work = LabWorkDirectory.Create();

        var outcome = await QemuRunner.RunAsync(Script("echo 'qemu: could not load kernel' >&2; exit 1"), work.File("console.log"), TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(QemuExit.Crashed, outcome.Exit);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("qemu: could not load kernel\n", outcome.QemuMessages);
        Assert.Equal("", outcome.Console);
    }

    [Fact]
    public async Task A_guest_that_never_ends_is_killed_when_the_watchdog_expires()
    {
        using var work = LabWorkDirectory.Create();
        string pidFile = work.File("pid");

        var outcome = await QemuRunner.RunAsync(Script($"echo $$ > '{pidFile}'; exec sleep 600"), work.File("console.log"), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(QemuExit.TimedOut, outcome.Exit);
        Assert.Null(outcome.ExitCode);
        Assert.False(Alive(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_qemu_that_ignores_sigterm_gets_sigkill()
    {
        using var work = LabWorkDirectory.Create();
        string pidFile = work.File("pid");

        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        var outcome = await QemuRunner.RunAsync(Script($"echo $$ > '{pidFile}'; trap '' TERM; exec sleep 600"), work.File("console.log"), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(QemuExit.TimedOut, outcome.Exit);
        Assert.False(Alive(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Cancelling_kills_qemu_and_throws()
    {
        using var work = LabWorkDirectory.Create();
        string pidFile = work.File("pid");
        using var cancel = new CancellationTokenSource();
        var run = QemuRunner.RunAsync(Script($"echo $$ > '{pidFile}'; exec sleep 600"), work.File("console.log"), TimeSpan.FromSeconds(600), cancel.Token);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Length == 0)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(Alive(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_host_load_is_recorded()
    {
        using var work = LabWorkDirectory.Create();

        var outcome = await QemuRunner.RunAsync(Script("exit 0"), work.File("console.log"), TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.NotNull(outcome.Load.LoadAverageAtStart);
        Assert.NotNull(outcome.Load.LoadAverageAtEnd);
        Assert.True(outcome.Load.ForeignCpuSeconds >= 0);
    }

    [Fact]
    public void A_long_console_keeps_its_tail()
    {
        using var work = LabWorkDirectory.Create();
        string console = work.File("console.log");
        File.WriteAllText(console, new string('x', QemuRunner.MaxConsoleBytes) + "the end\n");

        string tail = QemuRunner.ReadConsoleTail(console);

        Assert.Equal(QemuRunner.MaxConsoleBytes, tail.Length);
        Assert.EndsWith("xthe end\n", tail);
    }

    [Fact]
    public void The_work_directory_is_private_and_removed_with_its_files()
    {
        var work = LabWorkDirectory.Create();
        File.WriteAllText(work.File("results.bin"), "x");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(work.Path));
        work.Dispose();

        Assert.False(Directory.Exists(work.Path));
        Assert.Throws<ArgumentException>(() => work.File("../escape"));
    }

    [Theory]
    [InlineData("1234 (qemu-system-x86) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 5 0 100 0 0", 325L)]
    [InlineData("77 (a) b) c) R 1 77 77 0 -1 0 0 0 0 0 3 4 0 0", 7L)]
    [InlineData("garbage", null)]
    public void Process_cpu_ticks_are_user_plus_system(string stat, long? expected)
    {
        Assert.Equal(expected, ProcessCpuTicks.Parse(stat));
    }

    [Fact]
    public async Task Qemu_runs_on_the_host_cpus_it_is_pinned_to()
    {
        using var work = LabWorkDirectory.Create();
        string allowed = work.File("allowed");
        int cpu = AiTune.Interop.Posix.AllowedCpus()![^1];
        var command = Script($"grep Cpus_allowed_list /proc/self/status > '{allowed}'") with { HostCpus = [cpu] };

        var outcome = await QemuRunner.RunAsync(command, work.File("console.log"), TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(QemuExit.PoweredOff, outcome.Exit);
        Assert.Equal($"Cpus_allowed_list:\t{cpu}", File.ReadAllText(allowed).Trim());
    }

    [Fact]
    public void Only_a_timed_kvm_guest_is_pinned_and_only_where_cpus_are_left_over()
    {
        int[] eight = [0, 1, 2, 3, 4, 5, 6, 7];

        Assert.Equal([5, 6, 7], HostCpuPin.Choose(eight, 2, Accelerator.Kvm, LabMeasure.Time));
        Assert.Null(HostCpuPin.Choose(eight, 2, Accelerator.Tcg, LabMeasure.Time));
        Assert.Null(HostCpuPin.Choose(eight, 1, Accelerator.Tcg, LabMeasure.Instructions));
        Assert.Null(HostCpuPin.Choose([0, 1, 2], 2, Accelerator.Kvm, LabMeasure.Time));
        Assert.Equal([2, 3, 4], HostCpuPin.Choose([0, 1, 2, 3, 4], 2, Accelerator.Kvm, LabMeasure.Time));
        Assert.Equal("5-7", HostCpuPin.Describe([5, 6, 7]));
        Assert.Equal("0,2-3,9", HostCpuPin.Describe([0, 2, 3, 9]));
        Assert.Equal("none", HostCpuPin.Describe(null));
    }
}
