using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Serialization;
using AiTune.Services.Lab;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab snapshot --kernel A [--kernel B …] --output DIR`.</summary>
public static class LabSnapshotCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var guest = new LabGuestOptions("A kernel to boot (repeat it): " + LabGuestOptions.KernelForms, 300);
        var directory = new Option<string>("--output", "-o") { Description = "The directory that receives RELEASE.tar.gz for each kernel", Required = true };
        var force = ForceOption.Create();
        var command = new Command("snapshot", "Boot each kernel in a QEMU guest and capture `aitune snapshot` inside it: a real kernel's /proc, /sys and configuration, as an archive inspect and audit read")
        {
            directory, options.Root, force,
        };
        foreach (var option in guest.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.LabSnapshot.For("lab snapshot", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new LabSnapshotRequest
            {
                Kernels = parse.GetValue(guest.Kernels)!,
                OutputDirectory = parse.GetValue(directory)!,
                Replace = parse.GetValue(force),
                Cpus = parse.GetValue(guest.Cpus),
                MemoryMiB = LabGuestOptions.MemoryMiB(parse.GetValue(guest.Memory)!),
                Accelerator = LabGuestOptions.AcceleratorOf(parse.GetValue(guest.Accelerator)!),
                Timeout = LabGuestOptions.TimeoutOf(parse.GetValue(guest.Timeout)),
                Root = parse.GetValue(options.Root),
                CacheRoot = parse.GetValue(guest.Cache),
                GuestBinary = LabRunCommand.GuestBinary(),
            };
            using var interrupt = new InterruptSignal(error, "stopping the guest; the archives written so far stay");
            var snapshots = new LabSnapshotSession(AiTuneCli.Version).Capture(request, LabGuestOptions.Progress(error), interrupt.Token);
            printed.Render(LabSnapshotDocument.Of(snapshots));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
