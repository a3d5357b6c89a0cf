using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Cli.Commands.Bench;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Services.ClosedLoop;
using AiTune.Tuning.Transactions;
using Spectre.Console;

namespace AiTune.Cli.Commands;

/// <summary>
/// `aitune tune --profile P --bench SUITES`: the closed loop (<see cref="TuningLoop"/>): runs without and with the
/// profile in interleaved rounds, compared with the run as the replicate; the profile is kept only when metrics that
/// could show a change were measured and none got significantly slower. This command parses, builds the loop for this
/// host and prints what it found.
/// </summary>
public static class TuneCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var run = new BenchRunOptions();
        var store = new StoreOptions();
        var bench = new Option<string>("--bench") { Description = "The suites to measure without and with the profile: model-load, memory, scheduler, loopback, disk, a comma list, or all", Required = true };
        var rounds = new Option<int?>("--rounds") { Description = "Runs of each side (default: the fewest with which the rank test on run medians can show a change in every metric, at least 4)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the profile even when a metric got slower or nothing could be decided (the evidence is still printed)" };
        var persist = new Option<bool>("--persist") { Description = "Also make a kept profile survive reboots (as apply --persist; removed with a rollback)" };
        var allowBusy = new Option<bool>("--allow-busy") { Description = "Decide even on runs taken while other processes took a tenth or more of the CPU time" };
        var noise = new Option<double>("--noise") { Description = "Changes within this share are noise (0.02 = ±2 %)", DefaultValueFactory = _ => 0.02 };
        var alpha = new Option<double>("--alpha") { Description = "Significance level after Holm's correction", DefaultValueFactory = _ => 0.05 };
        var command = new Command("tune", "The closed loop: benchmark without and with a profile in interleaved rounds, compare; keep the profile only where nothing got significantly slower, otherwise roll back (root, this host)")
        {
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.StateDir, tuning.AllowIrreversible, tuning.MaxHugePagesShare,
            bench, rounds, keep, persist, allowBusy, noise, alpha, store.Database, options.Json,
        };
        foreach (var option in run.For("all").Where(o => o != run.Label && o != run.Model))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            if (parse.GetValue(options.Root) is { } root)
            {
                throw new AiTuneException($"tune measures the host it runs on, so it cannot tune --root {Text.DisplayText.Escape(root)}",
                    "run tune on that host itself; aitune plan --root shows what a profile would change in a host tree or snapshot");
            }

            var suites = BenchmarkSuites.Parse(parse.GetValue(bench)!);
            var settings = new ClosedLoopSettings(parse.GetValue(rounds), new ComparisonSettings(parse.GetValue(noise), parse.GetValue(alpha)),
                parse.GetValue(allowBusy), parse.GetValue(keep), parse.GetValue(persist));
            var suiteOptions = run.Suites(parse) with { ModelPath = parse.GetValue(tuning.Model) };
            var session = TuningSession.Open(parse, options, tuning, forWriting: true);
            var recovered = session.RecoverFirst();
            var plan = session.Plan(parse, tuning);
            bool json = parse.GetValue(options.Json);
            bool noColor = parse.GetValue(options.NoColor);
            var console = ConsoleFactory.Create(json ? TextWriter.Null : output, noColor);
            if (recovered is not null)
            {
                console.MarkupLine($"[yellow]recovered:[/] {Markup.Escape(recovered.Message)}");
            }

            if (!plan.ToSet.Any())
            {
                error.WriteLine($"error: {plan.Profile} changes nothing on {session.Description}: every knob already holds its value or is refused");
                error.WriteLine("hint: aitune plan --profile " + plan.Profile + " shows why; there is nothing to measure");
                return ExitCodes.UsageOrInput;
            }

            using var interrupt = new InterruptSignal(error);
            var measurer = new SuiteMeasurer(suites, suiteOptions, run.Settings(parse), () => BenchExecution.Environment(session.State),
                work => BenchExecution.Display(noColor, work), parse.GetValue(run.NoSave) ? null : () => store.Open(parse));
            var host = new HostProfileSwitch(session.Tuner, session.Facts, plan,
                persistFiles => new ApplyRequest(CallingUser.Describe(), CallingUser.Uid, AiTuneCli.Version, KeepGoing: false,
                    persistFiles ? session.PersistenceFiles(plan) : null));
            var outcome = new TuningLoop(host, measurer, settings, new TuneProgressRenderer(console, plan.Profile)).Run(interrupt.Token);

            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(TuneDocument.Of(outcome), AiTuneJsonContext.Readable.TuneDocument));
            }
            else
            {
                TuneTextRenderer.Render(outcome, console);
            }

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
                return BenchRunCommand.Interrupted;
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
