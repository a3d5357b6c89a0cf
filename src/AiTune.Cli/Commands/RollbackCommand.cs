using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Services.Transactions;

namespace AiTune.Cli.Commands;

public static class RollbackCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var command = new Command("rollback", "Restore every value the applied profile changed, newest first, and remove the files it persisted (root; idempotent)")
        {
            options.Root, tuning.StateDir, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), ProfileFiles: []);
            var report = TuningSession.Open(target, AiTuneCli.Version, forWriting: true).Rollback();
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.RollbackReport));
            }
            else
            {
                TransactionTextRenderer.Render(report, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return report.Restores.Any(r => r.Outcome == Tuning.Transactions.ChangeOutcome.NotRestored) ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
