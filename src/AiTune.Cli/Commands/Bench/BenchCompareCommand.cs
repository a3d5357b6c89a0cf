using System.CommandLine;
using AiTune.Benchmarks.Statistics;
using AiTune.Cli.Rendering.Formats;
using AiTune.Serialization;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench compare A B`: two runs (or two comma-separated sets of runs) from the result store.</summary>
public static class BenchCompareCommand
{
    public static Command Create(GlobalOptions options, StoreOptions store, TextWriter output, TextWriter error)
    {
        var baseline = new Argument<string>("A") { Description = "The baseline: a run id, or several separated by commas (3,5,7)" };
        var candidate = new Argument<string>("B") { Description = "The candidate: a run id, or several separated by commas" };
        var noise = new Option<double>("--noise") { Description = "Changes within this share are noise, whatever the p-value (0.02 = ±2 %)", DefaultValueFactory = _ => 0.02 };
        var alpha = new Option<double>("--alpha") { Description = "Significance level, applied after Holm's correction across the metrics", DefaultValueFactory = _ => 0.05 };
        var force = new Option<bool>("--force") { Description = "Also compare metrics whose runs measured different workloads (model, size, threads, quick or not), marked" };
        var command = new Command("compare", "Compare two sets of runs metric by metric, each run one replicate: ratio with its 95% CI, Mann-Whitney on run medians, Holm, noise band, verdict, geometric mean; exit 1 when any metric got slower")
        {
            baseline, candidate, noise, alpha, force, store.Database,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.BenchCompare.For("bench compare", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var settings = new ComparisonSettings(parse.GetValue(noise), parse.GetValue(alpha));
            var comparison = StoredRuns.Compare(parse.GetValue(store.Database), parse.GetValue(baseline)!, parse.GetValue(candidate)!, settings, parse.GetValue(force));
            printed.Render(new BenchCompareDocument(BenchCompareDocument.CurrentSchemaVersion, settings.NoiseThreshold, settings.SignificanceLevel, comparison));
            return comparison.AnyRegressed ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
