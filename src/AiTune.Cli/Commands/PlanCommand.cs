using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
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
            options.Root, tuning.Profile, tuning.ProfileFiles, tuning.Model, tuning.ModelSize, tuning.AllowIrreversible, tuning.MaxHugePagesShare,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Plan.For("plan", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var target = new TuningTarget(parse.GetValue(options.Root), StateDirectory: null, parse.GetValue(tuning.ProfileFiles) ?? []);
            var request = new PlanRequest(parse.GetValue(tuning.Profile)!, new ModelSpecification(parse.GetValue(tuning.Model), parse.GetValue(tuning.ModelSize)),
                parse.GetValue(tuning.AllowIrreversible), parse.GetValue(tuning.MaxHugePagesShare));
            printed.Render(TuningSession.Open(target, AiTuneCli.Version, forWriting: false).Plan(request));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
