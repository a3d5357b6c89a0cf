using System.CommandLine;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services;
using AiTune.Services.Transactions;
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
            tuning.MaxHugePagesShare, keepGoing, persist,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Apply.For("apply", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []);
            var request = new PlanRequest(parse.GetValue(tuning.Profile)!, new ModelSpecification(parse.GetValue(tuning.Model), parse.GetValue(tuning.ModelSize)),
                parse.GetValue(tuning.AllowIrreversible), parse.GetValue(tuning.MaxHugePagesShare));
            var session = TuningSession.Open(target, AiTuneCli.Version, forWriting: true);
            var planned = session.PlanAfterRecovery(request);
            TransactionTextRenderer.RenderWarnings(planned.Warnings, printed.Progress);
            var report = session.Apply(planned, new ApplySettings(CallingUser.Describe(), CallingUser.Uid, parse.GetValue(keepGoing), parse.GetValue(persist)));
            printed.Render(report);
            return ExitCode(report, planned.Host, printed.Format, error);
        }));
        return command;
    }

    /// <summary>0 changed or already held; 1 partial (--keep-going kept what worked); 2, with error and hint, when the
    /// apply rolled itself back or nothing of the profile applies here.</summary>
    private static int ExitCode(ApplyReport report, string host, OutputFormat format, TextWriter error)
    {
        switch (report.Outcome)
        {
            case ApplyOutcome.RolledBack:
                var failure = report.Changes.First(c => c.Outcome == ChangeOutcome.Failed);
                error.WriteLine($"error: {failure.Id}: {failure.Note}; the whole apply was rolled back");
                error.WriteLine("hint: fix the cause, or apply --keep-going to keep the knobs that worked");
                return ExitCodes.UsageOrInput;
            case ApplyOutcome.NothingApplicable:
                error.WriteLine($"error: nothing of {report.Profile} applies to {host}: all {report.Skipped.Count} knob(s) were skipped, so nothing was applied or recorded");
                error.WriteLine($"hint: each knob's reason is {(format == OutputFormat.Json ? "in skipped" : "listed above")}; aitune plan --profile {report.Profile} shows them too");
                return ExitCodes.UsageOrInput;
            case ApplyOutcome.Partial:
                return ExitCodes.Findings;
            default:
                return ExitCodes.Ok;
        }
    }
}
