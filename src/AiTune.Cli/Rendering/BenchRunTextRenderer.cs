using System.Globalization;
using AiTune.Benchmarks;
using AiTune.Services.Benchmarking;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>A benchmark run for people: each metric's median with its 95 % interval, spread and sample count; the
/// cases that could not run, with why; the notes a reader needs to trust the numbers.</summary>
public static class BenchRunTextRenderer
{
    /// <summary>A run just measured, and where it was stored.</summary>
    public static void Render(BenchRunOutcome outcome, IAnsiConsole console, TextWriter output)
    {
        Render(outcome.Run, console);
        if (outcome.StoredIn is { } storedIn)
        {
            output.WriteLine($"stored as run {outcome.Run.Id} in {Text.DisplayText.Escape(storedIn)}; compare it with: aitune bench compare <earlier id> {outcome.Run.Id}");
        }
    }

    public static void Render(BenchmarkRun run, IAnsiConsole console)
    {
        var env = run.Environment;
        PlainLine.Write(console, Markup.Escape($"aitune bench {string.Join(",", run.Suites)}{(run.Label is null ? "" : $" \"{run.Label}\"")} on {env.Hostname}: " +
            $"kernel {env.Kernel ?? "?"}{(env.Flavor is null ? "" : $" ({env.Flavor})")}, profile {env.AppliedProfile ?? "none"}" +
            $"{(run.Settings.Quick ? ", quick" : "")}{(run.Partial ? ", PARTIAL (interrupted)" : "")}"));

        var table = new CaseGroupedTable(["", "median", "95% CI", "CV", "p99", "n", ""], [false, true, false, true, true, true, false]);
        foreach (var result in run.Cases)
        {
            foreach (var metric in result.Metrics.Where(m => m.Samples.Count > 0))
            {
                var summary = MetricSummary.Of($"{result.FullName}/{metric.Name}", metric);
                var flag = result.Outcome switch
                {
                    CaseOutcome.TargetMet => ("", ""),
                    CaseOutcome.Interrupted => ("interrupted", "[yellow]interrupted[/]"),
                    _ => ("wide", "[yellow]wide[/]"),
                };
                table.Add(result.FullName,
                    [
                        $"  {metric.Name} {summary.Unit}",
                        Number(summary.Median),
                        $"{Number(summary.MedianLower)}–{Number(summary.MedianUpper)}",
                        Percent.Format(summary.CoefficientOfVariation),
                        Number(summary.P99),
                        summary.Count.ToString(CultureInfo.InvariantCulture),
                        flag.Item1,
                    ], flag.Item2);
            }
        }

        if (run.Cases.Any(c => c.Metrics.Any(m => m.Samples.Count > 0)))
        {
            table.Write(console);
        }

        foreach (var result in run.Cases.Where(c => c.Outcome is CaseOutcome.Skipped))
        {
            PlainLine.Write(console, $"[yellow]skipped[/] {Markup.Escape(result.FullName)}: {Markup.Escape(result.Reason ?? "")}");
        }

        foreach (var result in run.Cases.Where(c => c.Outcome is CaseOutcome.MaximumReached or CaseOutcome.BudgetReached))
        {
            PlainLine.Write(console, $"[yellow]wide[/] {Markup.Escape(result.FullName)}: {Markup.Escape(result.Reason ?? "")}");
        }

        if (run.Load is { } load)
        {
            PlainLine.Write(console, Markup.Escape(LoadLine(load)));
            if (load.BusyReason is { } busy)
            {
                PlainLine.Write(console, "[yellow]busy host:[/] " + Markup.Escape(busy + "; compare and tune flag this run"));
            }
        }

        var notes = run.Cases.SelectMany(c => c.Notes.Select(n => (c.Suite, Note: n))).Distinct().ToList();
        foreach (var group in notes.GroupBy(n => n.Note))
        {
            var owners = run.Cases.Where(c => c.Notes.Contains(group.Key)).Select(c => c.FullName).ToList();
            string who = owners.Count == run.Cases.Count(c => c.Suite == group.First().Suite) ? group.First().Suite : string.Join(", ", owners);
            PlainLine.Write(console, $"[grey]note[/] {Markup.Escape(who)}: {Markup.Escape(group.Key)}");
        }
    }

    /// <summary>"host load: other processes 2.1% of the CPU time (busiest stretch 4.0%), stolen 0.0%, pressure some
    /// cpu 12.0% memory 0.0% io 0.3%, load average 1.02".</summary>
    public static string LoadLine(Benchmarks.Load.RunLoad load)
    {
        var parts = new List<string>
        {
            $"other processes {Percent.Format(load.OtherCpuShare)} of the CPU time (busiest stretch {Percent.Format(load.PeakOtherCpuShare)})",
            $"stolen {Percent.Format(load.StealShare)}",
        };
        var stalls = new[] { ("cpu", load.CpuPressure), ("memory", load.MemoryPressure), ("io", load.IoPressure) }
            .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} {Percent.Format(s.Item2!.Some / 100)}").ToList();
        if (stalls.Count > 0)
        {
            parts.Add("pressure (some) " + string.Join(" ", stalls));
        }

        if (load.LoadAverage is { } average)
        {
            parts.Add("load average " + average.ToString("0.00", CultureInfo.InvariantCulture));
        }

        return "host load: " + string.Join(", ", parts);
    }

    /// <summary>Three significant digits, invariant: 1.23, 12.3, 123, 1234; beyond ten million or below a thousandth,
    /// scientific (1.8e+308, 4.94e-324), so no number is wider than a table column can hold.</summary>
    public static string Number(double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude >= 1e7 || magnitude < 1e-3))
        {
            return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        }

        string format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.0" : magnitude >= 1 ? "0.00" : magnitude >= 0.1 ? "0.000" : "0.####";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
