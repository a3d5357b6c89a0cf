using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Transactions;

namespace AiTune.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        tuning.ProfileFiles.Description = "Only for a journal written before aitune recorded the applied profile in it: the --profile-file the apply used (newer journals need no profile file)";
        var command = new Command("verify", "Compare the live host with the applied profile, knob by knob, and what the next boot will do; exit 1 on drift")
        {
            options.Root, tuning.StateDir, tuning.ProfileFiles,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Verify.For("verify", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []);
            var report = TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Verify();
            printed.Render(report);

            return report.Drift ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
