using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
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
            options.Root, tuning.StateDir, tuning.ProfileFiles, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var target = new TuningTarget(parse.GetValue(options.Root), parse.GetValue(tuning.StateDir), parse.GetValue(tuning.ProfileFiles) ?? []);
            var report = TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Verify();
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.VerifyReport));
            }
            else
            {
                VerifyTextRenderer.Render(report, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return report.Drift ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
