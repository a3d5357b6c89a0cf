using System.CommandLine;
using System.Globalization;
using AiTune.Cli.Rendering.Formats;
using AiTune.Lab.Qemu;
using AiTune.Serialization;
using AiTune.Services.Lab;
using AiTune.Units;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab boot --kernel A [--kernel B …] [--rounds N]`.</summary>
public static class LabBootCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var kernels = new Option<string[]>("--kernel")
        {
            Description = "A kernel to boot (repeat it): a .deb package, a tree with boot/ and lib/modules/, a vmlinuz file with its config beside it, or an installed release",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var rounds = new Option<int>("--rounds") { Description = "Boots of each kernel, interleaved", DefaultValueFactory = _ => 1 };
        var cpus = new Option<int>("--cpus") { Description = "vCPUs of each guest (the instructions measure always uses 1)", DefaultValueFactory = _ => 2 };
        var memory = new Option<string>("--memory") { Description = "Memory of each guest", DefaultValueFactory = _ => "1GiB" };
        var accel = new Option<string>("--accel") { Description = "auto (KVM when /dev/kvm is usable), kvm, or tcg", DefaultValueFactory = _ => "auto" };
        accel.AcceptOnlyFromAmong("auto", "kvm", "tcg");
        var measure = new Option<string>("--measure") { Description = "The guest `lab run` would boot: auto, time (multi-threaded TCG or KVM), or instructions (icount, 1 vCPU)", DefaultValueFactory = _ => "auto" };
        measure.AcceptOnlyFromAmong("auto", "time", "instructions");
        var timeout = new Option<int>("--timeout") { Description = "Seconds one guest may take from QEMU's start to its power-off", DefaultValueFactory = _ => 300 };
        var cache = new Option<string?>("--cache") { Description = "Where packages are extracted once and reused (default /var/lib/aitune/cache/kernels)" };
        var command = new Command("boot", "Boot each kernel in the lab's guest with no suite: does it boot healthy, which kernel and clocksource did the guest see, and what does one boot cost")
        {
            kernels, rounds, cpus, memory, accel, measure, timeout, options.Root, cache,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.LabBoot.For("lab boot", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var memoryText = parse.GetValue(memory)!;
            if (!ByteSize.TryParse(memoryText, out var memoryBytes) || memoryBytes < 1 << 20)
            {
                throw new AiTuneException($"--memory '{memoryText}' is not a size", "give a size with a unit: 1GiB, 512MiB");
            }

            var request = new LabBootRequest
            {
                Kernels = parse.GetValue(kernels)!,
                Rounds = parse.GetValue(rounds),
                Cpus = parse.GetValue(cpus),
                MemoryMiB = (int)Math.Min(memoryBytes >> 20, int.MaxValue),
                Accelerator = Enum.Parse<AcceleratorRequest>(parse.GetValue(accel)!, ignoreCase: true),
                Measure = parse.GetValue(measure) is "auto" or null ? null : Enum.Parse<LabMeasure>(parse.GetValue(measure)!, ignoreCase: true),
                Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                Root = parse.GetValue(options.Root),
                CacheRoot = parse.GetValue(cache),
                GuestBinary = LabRunCommand.GuestBinary(),
            };
            using var interrupt = new InterruptSignal(error, "stopping the guest");
            var started = DateTime.UtcNow;
            var report = new LabBootSession(AiTuneCli.Version).Boot(request,
                line => error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture),4} s] {line}"), interrupt.Token);
            printed.Render(LabBootDocument.Of(report));
            return report.Boots.All(b => b.Failure is null) ? ExitCodes.Ok : ExitCodes.Findings;
        }));
        return command;
    }
}
