using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Serialization;
using AiTune.Services.Lab;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab boot --kernel A [--kernel B …] [--rounds N]`.</summary>
public static class LabBootCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var guest = new LabGuestOptions("A kernel to boot (repeat it): " + LabGuestOptions.KernelForms, 300);
        var rounds = new Option<int>("--rounds") { Description = "Boots of each kernel, interleaved", DefaultValueFactory = _ => 1 };
        var measure = LabGuestOptions.MeasureOption("The guest `lab run` would boot: auto, time (multi-threaded TCG or KVM), or instructions (icount, 1 vCPU)");
        var command = new Command("boot", "Boot each kernel in the lab's guest with no suite: does it boot healthy, which kernel and clocksource did the guest see, and what does one boot cost")
        {
            rounds, measure, options.Root,
        };
        foreach (var option in guest.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.LabBoot.For("lab boot", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new LabBootRequest
            {
                Kernels = parse.GetValue(guest.Kernels)!,
                Rounds = parse.GetValue(rounds),
                Cpus = parse.GetValue(guest.Cpus),
                MemoryMiB = LabGuestOptions.MemoryMiB(parse.GetValue(guest.Memory)!),
                Accelerator = LabGuestOptions.AcceleratorOf(parse.GetValue(guest.Accelerator)!),
                Measure = LabGuestOptions.MeasureOf(parse.GetValue(measure)),
                Timeout = LabGuestOptions.TimeoutOf(parse.GetValue(guest.Timeout)),
                Root = parse.GetValue(options.Root),
                CacheRoot = parse.GetValue(guest.Cache),
                GuestBinary = LabRunCommand.GuestBinary(),
            };
            using var interrupt = new InterruptSignal(error, "stopping the guest");
            var report = new LabBootSession(AiTuneCli.Version).Boot(request, LabGuestOptions.Progress(error), interrupt.Token);
            printed.Render(LabBootDocument.Of(report));
            return report.Boots.All(b => b.Failure is null) ? ExitCodes.Ok : ExitCodes.Findings;
        }));
        return command;
    }
}
