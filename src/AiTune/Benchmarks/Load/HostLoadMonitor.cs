using System.Diagnostics;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;
using AiTune.Interop;

namespace AiTune.Benchmarks.Load;

/// <summary>
/// Samples this host's CPU and pressure counters at the start of a run and after each case, and turns them into the
/// run's <see cref="RunLoad"/>. A sample is a few small reads of /proc, taken between cases, never while one is timed.
/// </summary>
public sealed class HostLoadMonitor
{
    private const string StatPath = "/proc/stat";
    private const string LoadAveragePath = "/proc/loadavg";

    private readonly List<(HostLoadSample Sample, string? Case)> samples = [];

    private HostLoadMonitor() => samples.Add((Read(), null));

    /// <summary>Takes the first sample.</summary>
    public static HostLoadMonitor Start() => new();

    /// <summary>Takes a sample at the end of <paramref name="caseName"/>.</summary>
    public void CaseDone(string caseName) => samples.Add((Read(), caseName));

    /// <summary>The load from the first sample to the last; null when /proc/stat could not be read (not Linux's
    /// procfs) or no case ran.</summary>
    public RunLoad? Finish() => Summarize(samples);

    /// <summary>The load between the samples, with the busiest stretch of at least <see cref="RunLoad.WindowSeconds"/>:
    /// stretches are whole cases, a short case joining the next, and a short stretch at the end joining the one before.</summary>
    internal static RunLoad? Summarize(IReadOnlyList<(HostLoadSample Sample, string? Case)> samples)
    {
        if (samples.Count < 2 || samples.Any(s => s.Sample.Cpu is null))
        {
            return null;
        }

        var first = samples[0].Sample;
        var last = samples[^1].Sample;
        var windows = new List<(int From, int To)>();
        int from = 0;
        for (int to = 1; to < samples.Count; to++)
        {
            if (Seconds(samples[from].Sample, samples[to].Sample) >= RunLoad.WindowSeconds)
            {
                windows.Add((from, to));
                from = to;
            }
        }

        if (from < samples.Count - 1)
        {
            if (windows.Count > 0)
            {
                windows[^1] = (windows[^1].From, samples.Count - 1);
            }
            else
            {
                windows.Add((0, samples.Count - 1));
            }
        }

        var peak = windows.MaxBy(w => OtherShare(samples[w.From].Sample, samples[w.To].Sample));
        var peakCases = samples.Skip(peak.From + 1).Take(peak.To - peak.From).Select(s => s.Case).OfType<string>().ToList();
        long total = last.Cpu!.Total - first.Cpu!.Total;
        double ticks = Posix.ClockTicksPerSecond;
        return new RunLoad(
            OtherShare(first, last),
            OtherShare(samples[peak.From].Sample, samples[peak.To].Sample),
            peakCases.Count switch { 0 => null, 1 => peakCases[0], 2 => $"{peakCases[0]} and {peakCases[1]}", _ => $"{peakCases[0]} … {peakCases[^1]}" },
            total <= 0 ? 0 : (double)(last.Cpu.Steal - first.Cpu.Steal) / total,
            total <= 0 ? 0 : Math.Clamp((last.OwnCpuSeconds - first.OwnCpuSeconds) * ticks / total, 0, 1),
            Stall(first, last, 0),
            Stall(first, last, 1),
            Stall(first, last, 2),
            last.LoadAverage);
    }

    /// <summary>Share of all CPUs' time between two samples that went to other tasks: the ticks spent running tasks
    /// less this process's CPU time (both count system calls). Interrupt time is left out: much of it is the
    /// run's own disk and network completions, which no process is charged for.</summary>
    private static double OtherShare(HostLoadSample from, HostLoadSample to)
    {
        long total = to.Cpu!.Total - from.Cpu!.Total;
        if (total <= 0)
        {
            return 0;
        }

        double ownTicks = (to.OwnCpuSeconds - from.OwnCpuSeconds) * Posix.ClockTicksPerSecond;
        return Math.Clamp((to.Cpu.Tasks - from.Cpu.Tasks - ownTicks) / total, 0, 1);
    }

    private static StallShare? Stall(HostLoadSample from, HostLoadSample to, int resource)
    {
        if (from.Pressure[resource] is not { } before || to.Pressure[resource] is not { } after)
        {
            return null;
        }

        double microseconds = Seconds(from, to) * 1e6;
        if (microseconds <= 0)
        {
            return null;
        }

        double? full = before.Full.TryGet(out var fullBefore) && after.Full.TryGet(out var fullAfter)
            ? Math.Clamp((fullAfter.TotalUs - fullBefore.TotalUs) / microseconds * 100, 0, 100)
            : null;
        return new StallShare(Math.Clamp((after.Some.TotalUs - before.Some.TotalUs) / microseconds * 100, 0, 100), full);
    }

    private static double Seconds(HostLoadSample from, HostLoadSample to) => (double)(to.Timestamp - from.Timestamp) / Stopwatch.Frequency;

    private static HostLoadSample Read() => new(
        Stopwatch.GetTimestamp(),
        ReadLive(StatPath) is { } stat && ProcStatParser.Parse(stat, StatPath).TryGet(out var times) ? times : null,
        Environment.CpuUsage.TotalTime.TotalSeconds,
        HostLoadSample.PressureResources.Select(resource =>
        {
            var path = "/proc/pressure/" + resource;
            return ReadLive(path) is { } text && PressureParser.Parse(path, text).TryGet(out var stall) ? stall : null;
        }).ToList(),
        ReadLive(LoadAveragePath) is { } load && LoadAverageParser.ParseOneMinute(load, LoadAveragePath).TryGet(out var average) ? average : null);

    /// <summary>This host's file now, or null where it does not exist or cannot be read (a kernel without PSI).</summary>
    private static string? ReadLive(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
