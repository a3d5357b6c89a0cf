using System.CommandLine;
using System.Text.Json;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Services;
using AiTune.Services.Transactions;

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
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var target = new TuningTarget(parse.GetValue(options.Root), StateDirectory: null, parse.GetValue(tuning.ProfileFiles) ?? []);
            var request = new PlanRequest(parse.GetValue(tuning.Profile)!, new ModelSpecification(parse.GetValue(tuning.Model), parse.GetValue(tuning.ModelSize)),
                parse.GetValue(tuning.AllowIrreversible), parse.GetValue(tuning.MaxHugePagesShare));
            var planned = TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Plan(request);
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(PlanDocument.Of(planned.Plan, planned.Warnings), AiTuneJsonContext.Readable.PlanDocument));
            }
            else
            {
                PlanTextRenderer.Render(planned, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
