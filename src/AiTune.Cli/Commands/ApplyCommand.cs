using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Tuning.Transactions;

namespace AiTune.Cli.Commands;

public static class ApplyCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var keepGoing = new Option<bool>("--keep-going") { Description = "Keep what worked when a knob fails (default: roll the whole apply back)" };
        var persist = new Option<bool>("--persist") { Description = "Also make it survive reboots: sysctl.d, udev rule, tmpfiles.d, GRUB drop-in (rollback removes them)" };
        var command = new Command("apply", "Apply a profile as a transaction: journal, write, read back; roll back on failure (root)")
        {
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.StateDir, tuning.AllowIrreversible,
            tuning.MaxHugePagesShare, keepGoing, persist, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var session = TuningSession.Open(parse, options, tuning, forWriting: true);
            var recovered = session.RecoverFirst();
            var plan = session.Plan(parse, tuning);
            var console = ConsoleFactory.Create(output, parse.GetValue(options.NoColor));
            bool json = parse.GetValue(options.Json);
            if (!json)
            {
                TransactionTextRenderer.RenderWarnings(session.Warnings, console);
            }

            var request = new ApplyRequest(CallingUser.Describe(), CallingUser.Uid, AiTuneCli.Version, parse.GetValue(keepGoing),
                parse.GetValue(persist) ? session.PersistenceFiles(plan) : null);
            var report = session.Tuner.Apply(session.Facts, plan, request);
            report = report with { Recovery = report.Recovery ?? recovered };
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.ApplyReport));
            }
            else
            {
                TransactionTextRenderer.Render(report, console);
            }

            switch (report.Outcome)
            {
                case ApplyOutcome.RolledBack:
                    var failure = report.Changes.First(c => c.Outcome == ChangeOutcome.Failed);
                    error.WriteLine($"error: {failure.Id}: {failure.Note}; the whole apply was rolled back");
                    error.WriteLine("hint: fix the cause, or apply --keep-going to keep the knobs that worked");
                    return ExitCodes.UsageOrInput;
                case ApplyOutcome.NothingApplicable:
                    error.WriteLine($"error: nothing of {report.Profile} applies to {session.Description}: all {report.Skipped.Count} knob(s) were skipped, so nothing was applied or recorded");
                    error.WriteLine($"hint: each knob's reason is {(json ? "in skipped" : "listed above")}; aitune plan --profile {report.Profile} shows them too");
                    return ExitCodes.UsageOrInput;
                case ApplyOutcome.Partial:
                    return ExitCodes.Findings;
                default:
                    return ExitCodes.Ok;
            }
        }));
        return command;
    }
}
