using System.Diagnostics;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Load;
using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;

namespace AiTune.Tests.Benchmarks.Load;

public sealed class HostLoadMonitorTests
{
    /// <summary>A sample <paramref name="seconds"/> into the run on a 2-CPU host (200 ticks a second in all): the
    /// ticks every task ran so far, this process's CPU seconds, the steal ticks and the cpu pressure total.</summary>
    private static (HostLoadSample, string?) Sample(double seconds, long taskTicks, double ownSeconds, string? caseName, long steal = 0, long cpuStallUs = 0)
    {
        long total = (long)(seconds * 200);
        var cpu = new CpuTimes(taskTicks, 0, 0, total - taskTicks - steal, 0, 0, 0, steal);
        var stall = new PressureStall(new PressureLine(0, 0, 0, cpuStallUs), Fact.Unknown<PressureLine>(UnknownKind.Absent, "no full line"));
        return (new HostLoadSample((long)(seconds * Stopwatch.Frequency), cpu, ownSeconds, [stall, null, null], 0.5), caseName);
    }

    [Fact]
    public void Other_processes_share_is_the_task_time_less_our_own_and_the_busiest_stretch_is_found()
    {
        // 0–3 s: we ran one CPU (300 ticks of 600), nobody else. 3–6 s: we ran one CPU, a neighbour the other.
        var load = HostLoadMonitor.Summarize(
        [
            Sample(0, 0, 0, null),
            Sample(3, 300, 3, "memory/copy/single"),
            Sample(6, 900, 6, "memory/triad/single", cpuStallUs: 1_500_000),
        ])!;

        Assert.Equal(0.25, load.OtherCpuShare, 6);
        Assert.Equal(0.5, load.PeakOtherCpuShare, 6);
        Assert.Equal("memory/triad/single", load.PeakCases);
        Assert.Equal(0.5, load.OwnCpuShare, 6);
        Assert.Equal(25, load.CpuPressure!.Some, 6);
        Assert.Null(load.CpuPressure.Full);
        Assert.Null(load.MemoryPressure);
        Assert.Equal("other processes took 50% of the CPU time during memory/triad/single (the limit is 10%)", load.BusyReason);
        Assert.True(load.Busy);
    }

    [Fact]
    public void Cases_shorter_than_the_window_join_the_next_and_a_short_tail_joins_the_last_stretch()
    {
        // Three 1-second cases, each with a neighbour's 20 ticks (10 % of that second): no single second is judged
        // alone, so the stretches are 0–2 s and 2–3 s joined to it, and the share stays 10 %.
        var load = HostLoadMonitor.Summarize(
        [
            Sample(0, 0, 0, null),
            Sample(1, 120, 1, "a"),
            Sample(2, 240, 2, "b"),
            Sample(3, 360, 3, "c"),
        ])!;

        Assert.Equal(0.1, load.PeakOtherCpuShare, 6);
        Assert.Equal("a … c", load.PeakCases);
    }

    [Fact]
    public void A_quiet_host_is_not_busy_and_stolen_time_alone_can_make_it_busy()
    {
        var quiet = HostLoadMonitor.Summarize([Sample(0, 0, 0, null), Sample(4, 404, 4, "x")])!;
        var stolen = HostLoadMonitor.Summarize([Sample(0, 0, 0, null), Sample(4, 400, 4, "x", steal: 120)])!;

        Assert.Null(quiet.BusyReason);
        Assert.Equal(0.005, quiet.OtherCpuShare, 6);
        Assert.Equal("the hypervisor stole 15% of the CPU time (the limit is 10%)", stolen.BusyReason);
    }

    [Fact]
    public void Without_proc_stat_or_without_a_case_there_is_no_load()
    {
        var unreadable = (new HostLoadSample(0, null, 0, [null, null, null], null), (string?)null);

        Assert.Null(HostLoadMonitor.Summarize([Sample(0, 0, 0, null)]));
        Assert.Null(HostLoadMonitor.Summarize([unreadable, Sample(3, 300, 3, "x")]));
    }

    [Fact]
    public void A_cpu_hog_in_another_process_marks_the_run_busy()
    {
        // Two spinning shells per CPU while a case sleeps through ten 0.3 s repetitions: even with other tests busy in
        // this process, they take far more than a tenth of the CPU time.
        var hogs = Enumerable.Range(0, 2 * Environment.ProcessorCount).Select(_ => Process.Start("sh", ["-c", "while :; do :; done"])).ToList();
        BenchmarkRun run;
        try
        {
            var sleeper = new ScriptedCase(_ => 300) { OnMeasure = _ => Thread.Sleep(300) };
            var suite = new BenchmarkSuite("scripted", "sleeps", "sleeps", _ => [sleeper]);
            var settings = new RunSettings(0, new AiTune.Benchmarks.Statistics.RepetitionSettings(0.5, 10, 10), TimeSpan.FromSeconds(30), true);
            run = BenchmarkSession.Run([suite], new SuiteOptions(), settings, BenchmarkRunSamples.Environment(), "hog", null, null, CancellationToken.None);
        }
        finally
        {
            foreach (var hog in hogs)
            {
                hog.Kill();
                hog.WaitForExit();
                hog.Dispose();
            }
        }

        var load = run.Load!;
        Assert.True(load.OtherCpuShare > 0.2, $"others took {load.OtherCpuShare:P0}");
        Assert.True(load.Busy);
        Assert.StartsWith("other processes took ", load.BusyReason);
        Assert.Equal("scripted/case", load.PeakCases);
    }
}
