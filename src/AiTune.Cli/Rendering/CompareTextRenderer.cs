using System.Globalization;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// A compare for people: what differs between the hosts, which runs were taken on a busy host, each metric's medians,
/// ratio with its interval, p-value and verdict, the metrics left out because their workloads differ, and the
/// geometric-mean summary with the rules that produced the verdicts. The metrics are grouped under their case, one
/// line each, so the table fits 80 columns without cutting a name or a number.
/// </summary>
public static class CompareTextRenderer
{
    private static readonly string[] Header = ["", "A → B", "B/A", "95% CI", "p (Holm)", "verdict"];

    public static void Render(BenchmarkComparison comparison, IAnsiConsole console)
    {
        PlainLine.Write(console, Markup.Escape($"aitune bench compare: A = {Runs(comparison.BaselineRuns)} (baseline), B = {Runs(comparison.CandidateRuns)} (candidate)"));
        foreach (var difference in comparison.Differences)
        {
            PlainLine.Write(console, Markup.Escape($"  {difference.Field}: {difference.Baseline} → {difference.Candidate}"));
        }

        foreach (var busy in comparison.BusyRuns)
        {
            PlainLine.Write(console, "[yellow]busy host:[/] " + Markup.Escape($"run {busy.Run}: {busy.Reason}; its numbers measure the neighbours too"));
        }

        if (comparison.UnrecordedWorkload.Count > 0)
        {
            PlainLine.Write(console, "[yellow]workload not recorded:[/] " + Markup.Escape(
                $"{Runs(comparison.UnrecordedWorkload)} {(comparison.UnrecordedWorkload.Count == 1 ? "was" : "were")} stored by an older aitune; only quick against standard could be checked"));
        }

        if (comparison.Result is not { } result)
        {
            PlainLine.Write(console, "[yellow]no metric was measured on both sides[/]");
            RenderUnmatched(comparison, console);
            return;
        }

        RenderMetrics(comparison, result, console);
        double gain = result.GeometricMeanGain;
        PlainLine.Write(console, Markup.Escape($"geometric mean gain {Ratio(gain)} (95% CI {Ratio(result.GeometricMeanGainInterval.Lower)}–{Ratio(result.GeometricMeanGainInterval.Upper)}): " +
            (gain >= 1 ? $"the candidate is {Percent.Format(gain - 1)} better on average" : $"the candidate is {Percent.Format(1 - gain)} worse on average")));
        int faster = result.Metrics.Count(m => m.Verdict == ChangeVerdict.Improved);
        int slower = result.Metrics.Count(m => m.Verdict == ChangeVerdict.Regressed);
        int undecidable = result.Metrics.Count(m => m.Verdict == ChangeVerdict.Undecidable);
        PlainLine.Write(console, Markup.Escape($"{faster} faster, {slower} slower, {result.Metrics.Count - faster - slower - undecidable} no significant change"
            + (undecidable > 0 ? $", {undecidable} undecidable" : "") + ": a change needs a Mann-Whitney p below " +
            $"{Alpha(result.Settings.SignificanceLevel)} after Holm's correction across {result.Metrics.Count} metrics, and a ratio interval wholly outside ±{Percent.Format(result.Settings.NoiseThreshold, 0)}"));
        RenderReplicates(result, console);
        RenderUnmatched(comparison, console);
    }

    /// <summary>One line per metric under its case (<see cref="CaseGroupedTable"/>).</summary>
    private static void RenderMetrics(BenchmarkComparison comparison, RunComparison result, IAnsiConsole console)
    {
        var forced = comparison.Mismatched.Where(m => m.Compared).Select(m => m.Metric).ToHashSet(StringComparer.Ordinal);
        var table = new CaseGroupedTable(Header, [false, false, true, true, true, false]);
        foreach (var metric in result.Metrics)
        {
            int split = metric.Name.LastIndexOf('/');
            string unit = comparison.Units.GetValueOrDefault(metric.Name, "");
            table.Add(metric.Name[..split],
                [
                    $"  {metric.Name[(split + 1)..]}{(unit.Length > 0 ? " " + unit : "")}{(forced.Contains(metric.Name) ? " *" : "")}",
                    $"{BenchRunTextRenderer.Number(metric.BaselineMedian)} → {BenchRunTextRenderer.Number(metric.CandidateMedian)}",
                    Ratio(metric.Ratio),
                    $"{Ratio(metric.RatioInterval.Lower)}–{Ratio(metric.RatioInterval.Upper)}",
                    PValue(metric.AdjustedPValue),
                    VerdictText(metric.Verdict),
                ], Colored(metric.Verdict));
        }

        table.Write(console);
        if (forced.Count > 0)
        {
            PlainLine.Write(console, "[yellow]*[/] " + Markup.Escape("compared with --force although the workloads differ: " + Mismatches(comparison.Mismatched.Where(m => m.Compared))));
        }
    }

    /// <summary>Every metric is decided on runs, not repetitions; say how many, and say when there are too few to show
    /// any change.</summary>
    private static void RenderReplicates(RunComparison result, IAnsiConsole console)
    {
        int baselineRuns = result.Metrics.Min(m => m.BaselineRuns);
        int candidateRuns = result.Metrics.Min(m => m.CandidateRuns);
        PlainLine.Write(console, Markup.Escape($"each run is one replicate ({baselineRuns} against {candidateRuns} runs): the test compares the runs' medians, and the interval resamples runs, then repetitions within them"));
        if (result.Metrics.Any(m => m.Verdict == ChangeVerdict.Undecidable))
        {
            double alpha = result.Settings.SignificanceLevel;
            int needed = RunComparison.RunsPerSideNeeded(result.Metrics.Count, alpha);
            PlainLine.Write(console, "[yellow]" + Markup.Escape($"{baselineRuns} run(s) against {candidateRuns} cannot show a change in {result.Metrics.Count} metric(s): even runs wholly apart give p = "
                + $"{PValue(RankSumTest.SmallestTwoSidedP(baselineRuns, candidateRuns))} before Holm's correction, which must stay below α = {Alpha(alpha)}; measure at least {needed} runs a side "
                + "(boots, for kernels; aitune tune does this in interleaved rounds)") + "[/]");
        }
    }

    private static void RenderUnmatched(BenchmarkComparison comparison, IAnsiConsole console)
    {
        var left = comparison.Mismatched.Where(m => !m.Compared).ToList();
        if (left.Count > 0)
        {
            PlainLine.Write(console, "[yellow]different workloads, not compared[/] " + Markup.Escape($"(--force compares them): {Mismatches(left)}"));
        }

        if (comparison.OnlyInBaseline.Count > 0)
        {
            PlainLine.Write(console, Markup.Escape($"only in the baseline (not compared): {string.Join(", ", comparison.OnlyInBaseline)}"));
        }

        if (comparison.OnlyInCandidate.Count > 0)
        {
            PlainLine.Write(console, Markup.Escape($"only in the candidate (not compared): {string.Join(", ", comparison.OnlyInCandidate)}"));
        }
    }

    private static string Mismatches(IEnumerable<WorkloadMismatch> mismatches) => string.Join("; ", mismatches.Select(m =>
        $"{m.Metric}: {string.Join(", ", m.Differences.Select(d => $"{d.Field} {Parameter(d.Field, d.Baseline)} → {Parameter(d.Field, d.Candidate)}"))}"));

    /// <summary>Sizes as people read them ("2 GiB"); every other value as recorded.</summary>
    private static string Parameter(string field, string value) =>
        (field.EndsWith("bytes", StringComparison.Ordinal) || field == "block-size") && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
            ? ByteSize.Format(bytes)
            : value;

    private static string Colored(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Improved => "[green]faster[/]",
        ChangeVerdict.Regressed => "[red]slower[/]",
        ChangeVerdict.Undecidable => "[yellow]can't tell[/]",
        _ => "no change",
    };

    private static string VerdictText(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Improved => "faster",
        ChangeVerdict.Regressed => "slower",
        ChangeVerdict.Undecidable => "can't tell",
        _ => "no change",
    };

    private static string Ratio(double ratio) => ratio.ToString("0.000", CultureInfo.InvariantCulture);

    private static string PValue(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Alpha(double alpha) => alpha.ToString(CultureInfo.InvariantCulture);

    private static string Runs(IReadOnlyList<long> ids) => (ids.Count == 1 ? "run " : "runs ") + string.Join(",", ids);
}
