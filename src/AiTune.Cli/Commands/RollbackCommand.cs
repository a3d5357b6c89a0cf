using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Transactions;

namespace AiTune.Cli.Commands;

public static class RollbackCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var command = new Command("rollback", "Restore every value the applied profile changed, newest first, and remove the files it persisted (root; idempotent)")
        {
            options.Root, tuning.StateDir,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Rollback.For("rollback", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), ProfileFiles: []);
            var report = TuningSession.Open(target, AiTuneCli.Version, forWriting: true).Rollback();
            printed.Render(report);

            return report.Restores.Any(r => r.Outcome == Tuning.Transactions.ChangeOutcome.NotRestored) ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
