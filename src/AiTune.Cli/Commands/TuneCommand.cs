using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Cli.Commands.Bench;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Tuning.Transactions;
using Spectre.Console;

namespace AiTune.Cli.Commands;

/// <summary>
/// `aitune tune --profile P --bench SUITES`: the closed loop. Measure, apply the profile, measure again, compare;
/// keep the profile only when no metric got significantly slower, otherwise roll it back (or keep it with --keep),
/// and print the evidence either way. Both runs go to the result store.
/// </summary>
public static class TuneCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var run = new BenchRunOptions();
        var store = new StoreOptions();
        var bench = new Option<string>("--bench") { Description = "The suites to measure before and after: model-load, memory, scheduler, loopback, disk, a comma list, or all", Required = true };
        var keep = new Option<bool>("--keep") { Description = "Keep the profile even when a metric got slower (the evidence is still printed)" };
        var persist = new Option<bool>("--persist") { Description = "Also make a kept profile survive reboots (as apply --persist; removed with a rollback)" };
        var noise = new Option<double>("--noise") { Description = "Changes within this share are noise (0.02 = ±2 %)", DefaultValueFactory = _ => 0.02 };
        var alpha = new Option<double>("--alpha") { Description = "Significance level after Holm's correction", DefaultValueFactory = _ => 0.05 };
        var command = new Command("tune", "The closed loop: benchmark, apply a profile, benchmark again, compare; keep the profile only where nothing got significantly slower, otherwise roll back (root)")
        {
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.StateDir, tuning.AllowIrreversible, tuning.MaxHugePagesShare,
            bench, keep, persist, noise, alpha, store.Database, options.Json,
        };
        foreach (var option in run.For("all").Where(o => o != run.Label && o != run.Model))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var suites = BenchmarkSuites.Parse(parse.GetValue(bench)!);
            var comparisonSettings = new ComparisonSettings(parse.GetValue(noise), parse.GetValue(alpha));
            var suiteOptions = run.Suites(parse) with { ModelPath = parse.GetValue(tuning.Model) };
            var session = TuningSession.Open(parse, options, tuning, forWriting: true);
            var recovered = session.RecoverFirst();
            var plan = session.Plan(parse, tuning);
            string profile = plan.Profile;
            bool json = parse.GetValue(options.Json);
            bool noColor = parse.GetValue(options.NoColor);
            var console = ConsoleFactory.Create(json ? TextWriter.Null : output, noColor);
            if (recovered is not null)
            {
                console.MarkupLine($"[yellow]recovered:[/] {Markup.Escape(recovered.Message)}");
            }

            if (!plan.ToSet.Any())
            {
                error.WriteLine($"error: {profile} changes nothing on {session.Description}: every knob already holds its value or is refused");
                error.WriteLine("hint: aitune plan --profile " + profile + " shows why; there is nothing to measure");
                return ExitCodes.UsageOrInput;
            }

            using var interrupt = new InterruptSignal(error);
            var settings = run.Settings(parse);
            console.MarkupLine($"[bold]1/4[/] measuring before {Markup.Escape(profile)}: {Markup.Escape(string.Join(", ", suites.Select(s => s.Name)))}");
            var before = Store(BenchExecution.Run(suites, suiteOptions, settings, $"tune {profile}: before", noColor, interrupt.Token, session.State), parse, run, store);
            if (before.Partial)
            {
                error.WriteLine("interrupted before the profile was applied: the host is unchanged");
                return BenchRunCommand.Interrupted;
            }

            if (!before.Metrics().Any())
            {
                error.WriteLine("error: nothing could be measured before the apply: " + string.Join("; ", before.Cases.Select(c => $"{c.FullName}: {c.Reason}")));
                error.WriteLine("hint: without a baseline there is no evidence; pick suites that run here (the host is unchanged)");
                return ExitCodes.UsageOrInput;
            }

            console.MarkupLine($"[bold]2/4[/] applying {Markup.Escape(profile)}");
            var request = new ApplyRequest(CallingUser.Describe(), CallingUser.Uid, AiTuneCli.Version, KeepGoing: false,
                parse.GetValue(persist) ? session.PersistenceFiles(plan) : null);
            var applied = session.Tuner.Apply(session.Facts, plan, request);
            if (!json)
            {
                TransactionTextRenderer.Render(applied, console);
            }

            if (applied.RolledBack)
            {
                var failure = applied.Changes.First(c => c.Outcome == ChangeOutcome.Failed);
                error.WriteLine($"error: {failure.Id}: {failure.Note}; the apply was rolled back and nothing was measured after it");
                error.WriteLine("hint: fix the cause (aitune plan shows the knobs), then run tune again");
                return ExitCodes.UsageOrInput;
            }

            console.MarkupLine($"[bold]3/4[/] measuring after {Markup.Escape(profile)}");
            var after = Store(BenchExecution.Run(suites, suiteOptions, settings, $"tune {profile}: after", noColor, interrupt.Token, session.State), parse, run, store);
            bool keepAnyway = parse.GetValue(keep);
            if (after.Partial)
            {
                if (!keepAnyway)
                {
                    var undone = session.Tuner.Rollback();
                    TransactionTextRenderer.Render(undone, console);
                }

                error.WriteLine($"interrupted while measuring after the apply: {(keepAnyway ? "the profile stays (--keep)" : "the profile was rolled back, the host is as before")}");
                return BenchRunCommand.Interrupted;
            }

            console.MarkupLine("[bold]4/4[/] comparing");
            var comparison = BenchmarkComparison.Compare([before], [after], comparisonSettings);
            // No metric on both sides is no evidence: the profile is not kept on faith.
            bool proven = comparison.Result is not null && !comparison.AnyRegressed;
            var decision = proven ? TuneDecision.Kept : keepAnyway ? TuneDecision.KeptDespiteRegression : TuneDecision.RolledBack;
            RollbackReport? rollback = decision == TuneDecision.RolledBack ? session.Tuner.Rollback() : null;
            if (json)
            {
                var document = new TuneDocument(TuneDocument.CurrentSchemaVersion, profile, decision, before.Id, after.Id, applied, comparison, rollback);
                output.WriteLine(JsonSerializer.Serialize(document, AiTuneJsonContext.Readable.TuneDocument));
            }
            else
            {
                CompareTextRenderer.Render(comparison, console);
                if (rollback is not null)
                {
                    TransactionTextRenderer.Render(rollback, console);
                }

                var slower = comparison.Result?.Metrics.Where(m => m.Verdict == ChangeVerdict.Regressed).Select(m => m.Name).ToList() ?? [];
                console.MarkupLine(decision switch
                {
                    TuneDecision.Kept => $"[green]kept {Markup.Escape(profile)}[/]: no metric got significantly slower",
                    _ when comparison.Result is null => $"[{(keepAnyway ? "yellow" : "red")}]{(keepAnyway ? "kept" : "rolled back")} {Markup.Escape(profile)}[/]: no metric was measured both before and after, so there is no evidence",
                    TuneDecision.KeptDespiteRegression => $"[yellow]kept {Markup.Escape(profile)} (--keep)[/] although these got slower: {Markup.Escape(string.Join(", ", slower))}",
                    _ => $"[red]rolled back {Markup.Escape(profile)}[/]: these got slower: {Markup.Escape(string.Join(", ", slower))}",
                });
                if (before.Id > 0)
                {
                    console.MarkupLine(Markup.Escape($"runs {before.Id} (before) and {after.Id} (after) are stored; aitune bench compare {before.Id} {after.Id} shows this again"));
                }
            }

            return decision == TuneDecision.RolledBack ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }

    private static BenchmarkRun Store(BenchmarkRun run, ParseResult parse, BenchRunOptions options, StoreOptions store)
    {
        if (parse.GetValue(options.NoSave))
        {
            return run;
        }

        using var results = store.Open(parse);
        return run with { Id = results.Save(run) };
    }
}
