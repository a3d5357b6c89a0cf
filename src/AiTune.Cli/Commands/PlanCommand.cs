using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;

namespace AiTune.Cli.Commands;

public static class PlanCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var tuning = new TuningOptions();
        var command = new Command("plan", "Show what apply would change, knob by knob, and why (unprivileged; works on --root snapshots)")
        {
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.AllowIrreversible, tuning.MaxHugePagesShare, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var session = TuningSession.Open(parse, options, tuning, forWriting: false);
            var plan = session.Plan(parse, tuning);
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(PlanDocument.Of(plan, session.Warnings), AiTuneJsonContext.Readable.PlanDocument));
            }
            else
            {
                PlanTextRenderer.Render(plan, session.Warnings, session.Description, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
