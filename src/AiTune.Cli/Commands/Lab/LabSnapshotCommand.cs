using System.CommandLine;
using System.Globalization;
using AiTune.Cli.Rendering.Formats;
using AiTune.Lab.Qemu;
using AiTune.Serialization;
using AiTune.Services.Lab;
using AiTune.Units;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab snapshot --kernel A [--kernel B …] --output DIR`.</summary>
public static class LabSnapshotCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var kernels = new Option<string[]>("--kernel")
        {
            Description = "A kernel to boot (repeat it): a .deb package, a tree with boot/ and lib/modules/, a vmlinuz file with its config beside it, or an installed release",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var directory = new Option<string>("--output", "-o") { Description = "The directory that receives RELEASE.tar.gz for each kernel", Required = true };
        var cpus = new Option<int>("--cpus") { Description = "vCPUs of each guest", DefaultValueFactory = _ => 2 };
        var memory = new Option<string>("--memory") { Description = "Memory of each guest", DefaultValueFactory = _ => "1GiB" };
        var accel = new Option<string>("--accel") { Description = "auto (KVM when /dev/kvm is usable), kvm, or tcg", DefaultValueFactory = _ => "auto" };
        accel.AcceptOnlyFromAmong("auto", "kvm", "tcg");
        var timeout = new Option<int>("--timeout") { Description = "Seconds one guest may take from QEMU's start to its power-off", DefaultValueFactory = _ => 300 };
        var cache = new Option<string?>("--cache") { Description = "Where packages are extracted once and reused (default /var/lib/aitune/cache/kernels)" };
        var force = ForceOption.Create();
        var command = new Command("snapshot", "Boot each kernel in a QEMU guest and capture `aitune snapshot` inside it: a real kernel's /proc, /sys and configuration, as an archive inspect and audit read")
        {
            kernels, directory, cpus, memory, accel, timeout, options.Root, cache, force,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.LabSnapshot.For("lab snapshot", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var memoryText = parse.GetValue(memory)!;
            if (!ByteSize.TryParse(memoryText, out var memoryBytes) || memoryBytes < 1 << 20)
            {
                throw new AiTuneException($"--memory '{memoryText}' is not a size", "give a size with a unit: 1GiB, 512MiB");
            }

            var request = new LabSnapshotRequest
            {
                Kernels = parse.GetValue(kernels)!,
                OutputDirectory = parse.GetValue(directory)!,
                Replace = parse.GetValue(force),
                Cpus = parse.GetValue(cpus),
                MemoryMiB = (int)Math.Min(memoryBytes >> 20, int.MaxValue),
                Accelerator = Enum.Parse<AcceleratorRequest>(parse.GetValue(accel)!, ignoreCase: true),
                Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                Root = parse.GetValue(options.Root),
                CacheRoot = parse.GetValue(cache),
                GuestBinary = LabRunCommand.GuestBinary(),
            };
            using var interrupt = new InterruptSignal(error, "stopping the guest; the archives written so far stay");
            var started = DateTime.UtcNow;
            var snapshots = new LabSnapshotSession(AiTuneCli.Version).Capture(request,
                line => error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture),4} s] {line}"), interrupt.Token);
            printed.Render(LabSnapshotDocument.Of(snapshots));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
