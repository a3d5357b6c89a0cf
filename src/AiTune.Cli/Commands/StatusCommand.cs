using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
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
            options.Root, tuning.StateDir, tuning.ProfileFiles,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Status.For("status", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []);
            var status = TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Status();
            printed.Render(status);

            return ExitCodes.Ok;
        }));
        return command;
    }
}
