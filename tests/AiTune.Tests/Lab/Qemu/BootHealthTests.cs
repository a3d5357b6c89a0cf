using AiTune.Lab.Qemu;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Qemu;

/// <summary>The boot-health gate on real console logs of Debian's 6.1 and 6.12 kernels (tests/fixtures/files/lab/console,
/// README there), and on the shapes real logs take that the fixtures do not have.</summary>
public class BootHealthTests
{
    private static string Log(string name) => File.ReadAllText(FixturePaths.File("files/lab/console/" + name + ".log"));

    [Theory]
    [InlineData("6.1-emptyinit", "Kernel panic - not syncing: No working init found.")]
    [InlineData("6.12-emptyinit", "Kernel panic - not syncing: No working init found.")]
    [InlineData("6.1-exit0", "Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000")]
    [InlineData("6.12-exit0", "Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000")]
    [InlineData("6.1-nonexistent", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)")]
    [InlineData("6.12-nonexistent", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)")]
    public void A_boot_whose_init_did_not_run_says_so_and_nothing_else(string log, string line)
    {
        var health = BootHealth.Judge(Log(log));

        var problem = Assert.Single(health.Problems);
        Assert.Equal(BootProblemKind.PayloadDidNotRun, problem.Kind);
        Assert.StartsWith(line, problem.Line);
        Assert.False(health.Healthy);
    }

    [Theory]
    [InlineData("6.1-sysrq")]
    [InlineData("6.12-sysrq")]
    public void A_panic_is_a_panic_and_its_trace_is_not_counted_again(string log)
    {
        var health = BootHealth.Judge(Log(log));

        Assert.Equal(
            [new BootProblem(BootProblemKind.CriticalMessage, "sysrq: Trigger a crash"), new BootProblem(BootProblemKind.Panic, "Kernel panic - not syncing: sysrq triggered crash")],
            health.Problems);
        Assert.Equal(BootProblemKind.Panic, health.Worst?.Kind);
    }

    [Theory]
    [InlineData("6.1-kmsgcrit")]
    [InlineData("6.12-kmsgcrit")]
    public void Crit_and_alert_lines_count_and_the_power_down_and_init_lines_do_not(string log)
    {
        var health = BootHealth.Judge(Log(log));

        Assert.Equal(
            [
                new BootProblem(BootProblemKind.CriticalMessage, "aitune-capture: a crit line written to /dev/kmsg"),
                new BootProblem(BootProblemKind.CriticalMessage, "aitune-capture: an alert line written to /dev/kmsg"),
            ],
            health.Problems);
        Assert.Equal("plain text from PID 1 on /dev/console", health.LastLines[^2]);
    }

    [Fact]
    public void A_clean_boot_is_healthy()
    {
        var health = BootHealth.Judge("aitune-lab: started\r\naitune-lab: results sent\r\naitune-lab: powering off\r\n[    9.123456] reboot: Power down\r\n");

        Assert.True(health.Healthy);
        Assert.Null(health.Worst);
        Assert.Equal(["aitune-lab: started", "aitune-lab: results sent", "aitune-lab: powering off", "[    9.123456] reboot: Power down"], health.LastLines);
        Assert.Equal(9.123456, health.PowerOffSeconds);
    }

    [Fact]
    public void A_guest_that_never_powered_off_has_no_power_off_time()
    {
        Assert.Null(BootHealth.Judge("aitune-lab: started\r\n[    3.000001] Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b\r\n").PowerOffSeconds);
    }

    [Fact]
    public void An_oops_then_its_panic_are_both_found_in_order()
    {
        // The shape of the 6.12 MTTCG crash the feasibility study recorded (int3 in sched_clock_cpu).
        string console = """
            [   18.301234] clocksource: timekeeping watchdog on CPU1: Marking clocksource 'tsc' as unstable because the skew is too large:
            [   18.402345] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI
            [   18.402999] CPU: 1 UID: 0 PID: 57 Comm: sysbench Not tainted 6.12.118+deb12-amd64 #1  Debian 6.12.118-1~deb12u1
            [   18.403111] RIP: 0010:sched_clock_cpu+0x9/0x190
            [   18.409999] Kernel panic - not syncing: Fatal exception in interrupt
            [   18.410111] ---[ end Kernel panic - not syncing: Fatal exception in interrupt ]---
            """;

        var health = BootHealth.Judge(console);

        Assert.Equal(
            [BootProblemKind.CriticalMessage, BootProblemKind.Oops, BootProblemKind.Panic],
            health.Problems.Select(p => p.Kind));
        Assert.Equal(BootProblemKind.Panic, health.Worst?.Kind);
    }

    [Theory]
    [InlineData("[   30.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [swapper/0:1]", BootProblemKind.Lockup)]
    [InlineData("[   30.000000] rcu: INFO: rcu_preempt self-detected stall on CPU", BootProblemKind.Lockup)]
    [InlineData("[   30.000000] INFO: task kworker/0:1:12 blocked for more than 120 seconds.", BootProblemKind.Lockup)]
    [InlineData("[   30.000000] BUG: kernel NULL pointer dereference, address: 0000000000000008", BootProblemKind.Oops)]
    [InlineData("[   30.000000] general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP", BootProblemKind.Oops)]
    [InlineData("[   30.000000] kernel BUG at mm/slub.c:432!", BootProblemKind.Oops)]
    [InlineData("[   30.000000] Internal error: Oops: 0000000096000004 [#1] SMP", BootProblemKind.Oops)]
    [InlineData("[   30.000000] Kernel panic - not syncing: Requested init /init failed (error -2).", BootProblemKind.PayloadDidNotRun)]
    [InlineData("[   30.000000] [    T1] Kernel panic - not syncing: softlockup: hung tasks", BootProblemKind.Panic)]
    public void Each_kind_of_failure_is_told_apart(string line, BootProblemKind kind)
    {
        Assert.Equal(kind, BootHealth.Judge(line + "\r\n").Problems[0].Kind);
    }

    [Fact]
    public void Lines_without_a_printk_stamp_are_the_guest_s_own_and_not_judged()
    {
        Assert.True(BootHealth.Judge("BUG: this is what a payload printed\nKernel panic - not syncing: a quoted log\n").Healthy);
    }

    [Fact]
    public void The_last_lines_are_bounded_and_escaped()
    {
        string console = string.Concat(Enumerable.Range(1, 100).Select(i => $"line {i}\r\n")) + "evil \u001b[2J\r\n";

        var health = BootHealth.Judge(console, lastLines: 3);

        Assert.Equal(["line 99", "line 100", "evil \\x1b[2J"], health.LastLines);
    }
}
