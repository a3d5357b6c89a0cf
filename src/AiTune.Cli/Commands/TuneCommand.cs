using System.CommandLine;
using AiTune.Benchmarks.Statistics;
using AiTune.Cli.Commands.Bench;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services;
using AiTune.Services.Benchmarking;
using AiTune.Services.ClosedLoop;
using AiTune.Services.Transactions;
using Spectre.Console;

namespace AiTune.Cli.Commands;

/// <summary>
/// `aitune tune --profile P --bench SUITES`: the closed loop (<see cref="TuningLoop"/>): runs without and with the
/// profile in interleaved rounds, compared with the run as the replicate; the profile is kept only when metrics that
/// could show a change were measured and none got significantly slower. This command parses, hands the loop to the
/// engine (<see cref="ClosedLoopTuning"/>) and prints what it found.
/// </summary>
public static class TuneCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var run = new BenchRunOptions();
        var store = new StoreOptions();
        var bench = new Option<string>("--bench") { Description = "The suites to measure without and with the profile: model-load, memory, scheduler, loopback, disk, kernel, a comma list, or all", Required = true };
        var rounds = new Option<int?>("--rounds") { Description = "Runs of each side (default: the fewest with which the rank test on run medians can show a change in every metric, at least 4)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the profile even when a metric got slower or nothing could be decided (the evidence is still printed)" };
        var persist = new Option<bool>("--persist") { Description = "Also make a kept profile survive reboots (as apply --persist; removed with a rollback)" };
        var allowBusy = new Option<bool>("--allow-busy") { Description = "Decide even on runs taken while other processes took a tenth or more of the CPU time" };
        var noise = new Option<double>("--noise") { Description = "Changes within this share are noise (0.02 = ±2 %)", DefaultValueFactory = _ => 0.02 };
        var alpha = new Option<double>("--alpha") { Description = "Significance level after Holm's correction", DefaultValueFactory = _ => 0.05 };
        var command = new Command("tune", "The closed loop: benchmark without and with a profile in interleaved rounds, compare; keep the profile only where nothing got significantly slower, otherwise roll back (root, this host)")
        {
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.StateDir, tuning.AllowIrreversible, tuning.MaxHugePagesShare,
            bench, rounds, keep, persist, allowBusy, noise, alpha, store.Database,
        };
        foreach (var option in run.For("all").Where(o => o != run.Label && o != run.Model))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Tune.For("tune", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new TuneRequest(
                new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []),
                new PlanRequest(parse.GetValue(tuning.Profile)!, new ModelSpecification(parse.GetValue(tuning.Model), parse.GetValue(tuning.ModelSize)),
                    parse.GetValue(tuning.AllowIrreversible), parse.GetValue(tuning.MaxHugePagesShare)),
                parse.GetValue(bench)!,
                BenchRunCommand.SuiteArgumentsFrom(parse, run),
                new ClosedLoopSettings(parse.GetValue(rounds), new ComparisonSettings(parse.GetValue(noise), parse.GetValue(alpha)),
                    parse.GetValue(allowBusy), parse.GetValue(keep), parse.GetValue(persist)),
                parse.GetValue(store.Database),
                Save: !parse.GetValue(run.NoSave),
                CallingUser.Describe(),
                CallingUser.Uid);
            var tune = ClosedLoopTuning.Prepare(request, AiTuneCli.Version);
            if (tune.Recovered is { } recovered)
            {
                printed.Progress.MarkupLine($"[yellow]recovered:[/] {Markup.Escape(recovered.Message)}");
            }

            if (tune.ChangesNothing)
            {
                error.WriteLine($"error: {tune.Plan.Plan.Profile} changes nothing on {tune.Plan.Host}: every knob already holds its value or is refused");
                error.WriteLine("hint: aitune plan --profile " + tune.Plan.Plan.Profile + " shows why; there is nothing to measure");
                return ExitCodes.UsageOrInput;
            }

            using var interrupt = new InterruptSignal(error);
            bool noColor = parse.GetValue(options.NoColor);
            var outcome = tune.Run(work => BenchProgressDisplay.Session(noColor, work), new TuneProgressRenderer(printed.Progress, tune.Plan.Plan.Profile), interrupt.Token);
            printed.Render(outcome);
            return ExitCode(outcome, error);
        }));
        return command;
    }

    /// <summary>0 kept; 1 rolled back on the evidence (slower, or nothing decidable); 130 interrupted; 2 when the loop
    /// could not decide at all (a busy host, a failed apply, nothing measured), with error and hint.</summary>
    private static int ExitCode(ClosedLoopOutcome outcome, TextWriter error)
    {
        switch (outcome.Stop)
        {
            case LoopStop.Interrupted:
                error.WriteLine("interrupted: the host is as it was before tune; the runs so far are stored");
                return ExitCodes.Interrupted;
            case LoopStop.Busy:
                error.WriteLine($"error: {outcome.StopReason}; nothing was decided and the host is as it was");
                error.WriteLine("hint: stop the other load and run tune again, or pass --allow-busy to decide on such runs anyway");
                return ExitCodes.UsageOrInput;
            case LoopStop.ApplyFailed:
                error.WriteLine($"error: {outcome.StopReason}; nothing was decided and the host is as it was");
                error.WriteLine("hint: fix the cause (aitune plan shows the knobs), then run tune again");
                return ExitCodes.UsageOrInput;
            case LoopStop.NothingMeasured:
                error.WriteLine($"error: {outcome.StopReason}");
                error.WriteLine("hint: without a baseline there is no evidence; pick suites that run here (the host is unchanged)");
                return ExitCodes.UsageOrInput;
            default:
                return outcome.Decision == TuneDecision.RolledBack ? ExitCodes.Findings : ExitCodes.Ok;
        }
    }
}
