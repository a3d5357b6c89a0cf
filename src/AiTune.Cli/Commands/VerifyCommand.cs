using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;

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
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var session = TuningSession.Open(parse, options, tuning, forWriting: false);
            var report = session.Verify(parse, tuning)
                ?? throw new AiTuneException("no profile is applied on this host (no journal in " + session.State.Path + ")",
                    "aitune apply --profile P first; aitune audit judges a host against a profile without applying it");
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
