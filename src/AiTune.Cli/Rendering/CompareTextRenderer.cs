using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Units;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>A compare for people: what differs between the hosts, each metric's ratio with its interval, p-value and
/// verdict, and the geometric-mean summary, with the rules that produced the verdicts.</summary>
public static class CompareTextRenderer
{
    public static void Render(BenchmarkComparison comparison, IAnsiConsole console)
    {
        console.MarkupLine(Markup.Escape($"aitune bench compare: baseline {Runs(comparison.BaselineRuns)} → candidate {Runs(comparison.CandidateRuns)}"));
        foreach (var difference in comparison.Differences)
        {
            console.MarkupLine(Markup.Escape($"  {difference.Field}: {difference.Baseline} → {difference.Candidate}"));
        }

        if (comparison.Result is not { } result)
        {
            console.MarkupLine("[yellow]no metric was measured on both sides[/]");
            RenderUnmatched(comparison, console);
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn("95% CI").AddColumn(new TableColumn("p (Holm)").RightAligned()).AddColumn("verdict");
        foreach (var metric in result.Metrics)
        {
            string unit = comparison.Units.GetValueOrDefault(metric.Name, "");
            table.AddRow(
                Markup.Escape(metric.Name),
                Markup.Escape($"{BenchRunTextRenderer.Number(metric.BaselineMedian)} {unit}"),
                Markup.Escape($"{BenchRunTextRenderer.Number(metric.CandidateMedian)} {unit}"),
                Ratio(metric.Ratio),
                Markup.Escape($"{Ratio(metric.RatioInterval.Lower)}–{Ratio(metric.RatioInterval.Upper)}"),
                Markup.Escape(PValue(metric.AdjustedPValue)),
                Verdict(metric.Verdict));
        }

        console.Write(table);
        double gain = result.GeometricMeanGain;
        console.MarkupLine(Markup.Escape($"geometric mean gain {Ratio(gain)} (95% CI {Ratio(result.GeometricMeanGainInterval.Lower)}–{Ratio(result.GeometricMeanGainInterval.Upper)}): " +
            (gain >= 1 ? $"the candidate is {Percent.Format(gain - 1)} better on average" : $"the candidate is {Percent.Format(1 - gain)} worse on average")));
        int faster = result.Metrics.Count(m => m.Verdict == ChangeVerdict.Improved);
        int slower = result.Metrics.Count(m => m.Verdict == ChangeVerdict.Regressed);
        console.MarkupLine(Markup.Escape($"{faster} faster, {slower} slower, {result.Metrics.Count - faster - slower} no significant change: a change needs a Mann-Whitney p below " +
            $"{result.Settings.SignificanceLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)} after Holm's correction across {result.Metrics.Count} metrics, and a ratio interval wholly outside ±{Percent.Format(result.Settings.NoiseThreshold, 0)}"));
        RenderReplicates(result, console);
        RenderUnmatched(comparison, console);
    }

    /// <summary>With several runs a side the runs are the replicates; say so, and say when there are too few to show
    /// any change.</summary>
    private static void RenderReplicates(RunComparison result, IAnsiConsole console)
    {
        var byRun = result.Metrics.Where(m => m.BaselineRuns > 1 || m.CandidateRuns > 1).ToList();
        if (byRun.Count == 0)
        {
            return;
        }

        int baselineRuns = byRun.Min(m => m.BaselineRuns);
        int candidateRuns = byRun.Min(m => m.CandidateRuns);
        console.MarkupLine(Markup.Escape($"each run is one replicate ({baselineRuns} against {candidateRuns} runs): the test compares the runs' medians, and the interval resamples runs, then repetitions within them"));
        double smallest = RankSumTest.SmallestTwoSidedP(baselineRuns, candidateRuns);
        double alpha = result.Settings.SignificanceLevel;
        if (smallest >= alpha)
        {
            int enough = 2;
            while (RankSumTest.SmallestTwoSidedP(enough, enough) >= alpha)
            {
                enough++;
            }

            console.MarkupLine("[yellow]" + Markup.Escape($"{baselineRuns} runs against {candidateRuns} cannot show a change: the smallest possible p is {PValue(smallest)}, not below α = {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}; measure at least {enough} runs a side (boots, for kernels)") + "[/]");
        }
    }

    private static void RenderUnmatched(BenchmarkComparison comparison, IAnsiConsole console)
    {
        if (comparison.OnlyInBaseline.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"only in the baseline (not compared): {string.Join(", ", comparison.OnlyInBaseline)}"));
        }

        if (comparison.OnlyInCandidate.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"only in the candidate (not compared): {string.Join(", ", comparison.OnlyInCandidate)}"));
        }
    }

    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Improved => "[green]faster[/]",
        ChangeVerdict.Regressed => "[red]slower[/]",
        _ => "no change",
    };

    private static string Ratio(double ratio) => ratio.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    private static string PValue(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);

    private static string Runs(IReadOnlyList<long> ids) => (ids.Count == 1 ? "run " : "runs ") + string.Join(",", ids);
}
