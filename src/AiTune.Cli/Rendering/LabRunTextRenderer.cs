using System.Globalization;
using AiTune.Serialization;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune lab run` for people: what the numbers are, the kernels with their audit scores, the boots that did
/// not count, each candidate's verdicts against the baseline, and the configuration differences that may explain them.</summary>
public static class LabRunTextRenderer
{
    /// <param name="width">The columns the sentences are wrapped at (<see cref="Formats.RenderTarget.Width"/>).</param>
    public static void Render(LabRunDocument document, TextWriter output, int width)
    {
        // Sentences that can be longer than a line are wrapped at spaces, their continuation lines indented.
        void Wrapped(string text, int indent) => WordWrap.WriteLine(output, text, width, indent);

        Wrapped($"aitune lab run: {document.Kernels.Count} kernel(s), {document.Rounds} round(s), {document.Accelerator.ToUpperInvariant()}, " +
            $"{document.Cpus} vCPU, {document.MemoryMiB} MiB, QEMU {document.Qemu}", 2);
        Wrapped($"measure: {document.Measure}: {document.MeasureMeaning}", 2);
        output.WriteLine();
        foreach (var kernel in document.Kernels)
        {
            var boots = document.Boots.Where(b => b.Kernel == kernel.Key).ToList();
            var scores = boots.Select(b => b.AuditScore).OfType<int>().Distinct().ToList();
            output.WriteLine($"{kernel.Key}  {kernel.Release}  {kernel.Flavor}, {kernel.Preemption}{(kernel.Baseline ? "  (baseline)" : "")}");
            int busy = boots.Count(b => b.RunId is not null && b.Busy is not null);
            Wrapped($"   {boots.Count(b => b.RunId is not null)} of {document.Rounds} rounds counted{(busy == 0 ? "" : $" ({busy} on a busy host)")}; runs {string.Join(", ", boots.Select(b => b.RunId).OfType<long>())}", 5);
            Wrapped($"   audit score {(scores.Count == 0 ? "unknown" : string.Join("/", scores))}; clocksource {boots.Select(b => b.Clocksource).OfType<string>().FirstOrDefault() ?? "unknown"}", 5);
        }

        var busyBoots = document.Boots.Where(b => b.RunId is not null && b.Busy is not null).ToList();
        if (busyBoots.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(document.Measure == "instructions"
                ? "rounds on a busy host (instruction counts do not depend on it):"
                : "rounds on a busy host (their times measure the neighbours too):");
            foreach (var boot in busyBoots)
            {
                Wrapped($"  {boot.Kernel} round {boot.Round}: {boot.Busy}", 4);
            }
        }

        var failed = document.Boots.Where(b => b.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("boots that do not count:");
            foreach (var boot in failed)
            {
                Wrapped($"  {boot.Kernel} round {boot.Round}, attempt {boot.Attempt}: {boot.Failure}", 4);
                foreach (var line in boot.ConsoleTail.TakeLast(8))
                {
                    output.WriteLine("    | " + DisplayText.Excerpt(line, 72));
                }
            }
        }

        foreach (var kernel in document.Kernels.Where(k => !k.Baseline))
        {
            var verdicts = document.Verdicts.Where(v => v.Kernel == kernel.Key).ToList();
            var baseline = document.Kernels.First(k => k.Baseline);
            output.WriteLine();
            Wrapped($"{kernel.Key} {kernel.Release} against {baseline.Key} {baseline.Release}:", 2);
            if (verdicts.Count == 0)
            {
                output.WriteLine("  no verdict: one of the two has no counted run");
                continue;
            }

            output.WriteLine($"  {"metric",-19} {"baseline",11} {"candidate",11} {"ratio",6} {"spread",6}  verdict");
            foreach (var v in verdicts)
            {
                output.WriteLine($"  {Shorten(v.Metric, 19),-19} {Number(v.BaselineMedian),11} {Number(v.CandidateMedian),11} {v.Ratio.ToString("0.000", CultureInfo.InvariantCulture),6} " +
                    $"{Percent.Format(Math.Max(v.BaselineSpread, v.CandidateSpread)),6}  {Word(v.Verdict)}");
            }

            output.WriteLine("  spread: the larger side's (largest − smallest) / median of its boots");

            Wrapped($"  unit: {string.Join(", ", verdicts.Select(v => v.Unit).Distinct())}; runs: {verdicts[0].BaselineRuns} against {verdicts[0].CandidateRuns}", 4);
            var better = verdicts.Where(v => v.Verdict == "improved").Select(v => Shorten(v.Metric, 40)).ToList();
            var worse = verdicts.Where(v => v.Verdict == "regressed").Select(v => Shorten(v.Metric, 40)).ToList();
            Wrapped(better.Count + worse.Count == 0
                ? "  no metric changed beyond what the data can show"
                : $"  better on {(better.Count == 0 ? "nothing" : string.Join(", ", better))}; worse on {(worse.Count == 0 ? "nothing" : string.Join(", ", worse))}", 4);
            var configs = (document.ConfigDifferences?.Differences ?? [])
                .Where(c => c.Values.Select(x => x.Value).Distinct().Count() > 1 && c.Values.First(x => x.Kernel.StartsWith(kernel.Key + " ", StringComparison.Ordinal)).Value != c.Values[0].Value)
                .Select(c => $"{c.Title} {c.Values[0].Shown} → {c.Values.First(x => x.Kernel.StartsWith(kernel.Key + " ", StringComparison.Ordinal)).Shown}")
                .ToList();
            Wrapped(configs.Count == 0
                ? "  configuration: the same AI-relevant options as the baseline"
                : "  configuration differences that may explain it: " + string.Join("; ", configs), 4);
        }

        output.WriteLine();
        Wrapped($"runs stored in {DisplayText.FilePath(document.Database, 4096)} (aitune bench history, bench compare)", 2);
    }

    private static string Word(string verdict) => verdict switch
    {
        "improved" => "better",
        "regressed" => "worse",
        "noSignificantChange" => "no change",
        _ => "undecidable",
    };

    private static string Number(double value) => value >= 100
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int width) => text.StartsWith("kernel/", StringComparison.Ordinal) ? Shorten(text["kernel/".Length..], width)
        : text.Length <= width ? text : text[..(width - 1)] + "…";
}
