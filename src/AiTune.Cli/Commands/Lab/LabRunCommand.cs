using System.CommandLine;
using AiTune.Cli.Commands.Bench;
using AiTune.Cli.Rendering.Formats;
using AiTune.Serialization;
using AiTune.Services.Lab;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab run --kernel A --kernel B …`.</summary>
public static class LabRunCommand
{
    /// <summary>The aitune that becomes the guests' PID 1 when not this executable: for running the lab from a build
    /// that is not the published NativeAOT binary (the tests, `dotnet run`).</summary>
    public const string GuestBinaryVariable = "AITUNE_LAB_GUEST_BINARY";

    /// <summary>The binary the guests boot as PID 1: <see cref="GuestBinaryVariable"/>, else this executable.</summary>
    public static string GuestBinary() =>
        Environment.GetEnvironmentVariable(GuestBinaryVariable) is { Length: > 0 } guest ? guest : Environment.ProcessPath ?? "";

    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var guest = new LabGuestOptions("A kernel to test (repeat it; the first is the baseline): " + LabGuestOptions.KernelForms, 600);
        var baseline = new Option<string?>("--baseline") { Description = "The kernel the others are judged against: a release or a position from 1 (default: the first --kernel)" };
        var suites = new Option<string>("--suites") { Description = "Comma list of suites each guest runs", DefaultValueFactory = _ => "kernel" };
        var rounds = new Option<int>("--rounds") { Description = "Boots of each kernel, interleaved (A B, B A, …): 2 are enough for instructions, 5 or more for time", DefaultValueFactory = _ => 3 };
        var maxRounds = new Option<int?>("--max-rounds") { Description = "Under the time measure, add rounds up to this many while a kernel's boots disagree by more than 3 % (default: twice --rounds)" };
        var measure = LabGuestOptions.MeasureOption("auto (time under KVM, instructions under TCG), time, or instructions");
        var profile = new Option<string>("--profile") { Description = "The profile each guest's audit scores its kernel for", DefaultValueFactory = _ => "inference-latency" };
        var store = new StoreOptions();
        var command = new Command("run", "Boot each kernel in a QEMU guest round after round, run the suites and the audit inside, store every run, and judge each kernel against the baseline")
        {
            baseline, suites, rounds, maxRounds, measure, profile, options.Root, store.Database,
        };
        foreach (var option in guest.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.LabRun.For("lab run", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new LabRunRequest
            {
                Kernels = parse.GetValue(guest.Kernels)!,
                Baseline = parse.GetValue(baseline),
                Suites = parse.GetValue(suites)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Rounds = parse.GetValue(rounds),
                MaxRounds = parse.GetValue(maxRounds),
                Cpus = parse.GetValue(guest.Cpus),
                MemoryMiB = LabGuestOptions.MemoryMiB(parse.GetValue(guest.Memory)!),
                Accelerator = LabGuestOptions.AcceleratorOf(parse.GetValue(guest.Accelerator)!),
                Measure = LabGuestOptions.MeasureOf(parse.GetValue(measure)),
                Timeout = LabGuestOptions.TimeoutOf(parse.GetValue(guest.Timeout)),
                Database = parse.GetValue(store.Database),
                Profile = parse.GetValue(profile)!,
                Root = parse.GetValue(options.Root),
                CacheRoot = parse.GetValue(guest.Cache),
                GuestBinary = GuestBinary(),
            };
            using var interrupt = new InterruptSignal(error, "stopping the guest; the runs stored so far stay");
            var report = new LabSession(AiTuneCli.Version).Run(request, LabGuestOptions.Progress(error), interrupt.Token);
            printed.Render(LabRunDocument.Of(report));
            // A kernel none of whose boots counted has no result: a script must not read the run as a success.
            return report.Kernels.All(k => report.Boots.Any(b => b.Kernel == k.Key && b.RunId is not null)) ? ExitCodes.Ok : ExitCodes.Findings;
        }));
        return command;
    }
}
