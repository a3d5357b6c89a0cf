using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Services.Transactions;

namespace AiTune.Cli.Commands;

public static class StatusCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        tuning.ProfileFiles.Description = "Only for a journal written before aitune recorded the applied profile in it: the --profile-file the apply used (newer journals need no profile file)";
        var command = new Command("status", "The applied profile: when and by whom, drift, pending reboots; finishes an interrupted apply or rollback")
        {
            options.Root, tuning.StateDir, tuning.ProfileFiles, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []);
            var status = TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Status();
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(status, AiTuneJsonContext.Readable.StatusReport));
            }
            else
            {
                VerifyTextRenderer.Render(status, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
