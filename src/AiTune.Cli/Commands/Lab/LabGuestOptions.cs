using System.CommandLine;
using System.Globalization;
using AiTune.Lab.Qemu;
using AiTune.Units;

namespace AiTune.Cli.Commands.Lab;

/// <summary>The options every lab command shares: which kernels, and the guests' shape.</summary>
public sealed class LabGuestOptions
{
    public LabGuestOptions(string kernelDescription, int defaultTimeoutSeconds)
    {
        Kernels = new Option<string[]>("--kernel") { Description = kernelDescription, Required = true, AllowMultipleArgumentsPerToken = false };
        Timeout = new Option<int>("--timeout") { Description = "Seconds one guest may take from QEMU's start to its power-off", DefaultValueFactory = _ => defaultTimeoutSeconds };
        Accelerator.AcceptOnlyFromAmong("auto", "kvm", "tcg");
    }

    /// <summary>What a --kernel may name, for the commands' descriptions.</summary>
    public const string KernelForms = "a .deb package, a tree with boot/ and lib/modules/, a vmlinuz file with its config beside it, or an installed release";

    public Option<string[]> Kernels { get; }

    public Option<int> Cpus { get; } = new("--cpus") { Description = "vCPUs of each guest (the instructions measure always uses 1)", DefaultValueFactory = _ => 2 };

    public Option<string> Memory { get; } = new("--memory") { Description = "Memory of each guest", DefaultValueFactory = _ => "1GiB" };

    public Option<string> Accelerator { get; } = new("--accel") { Description = "auto (KVM when a check boot shows it runs guests here), kvm, or tcg", DefaultValueFactory = _ => "auto" };

    public Option<int> Timeout { get; }

    public Option<string?> Cache { get; } = new("--cache") { Description = "Where packages are extracted once and reused (default /var/lib/aitune/cache/kernels)" };

    public IEnumerable<Option> All => [Kernels, Cpus, Memory, Accelerator, Timeout, Cache];

    /// <summary>--memory in MiB: a size with a unit.</summary>
    public static int MemoryMiB(string text) =>
        ByteSize.TryParse(text, out var bytes) && bytes >= 1 << 20
            ? (int)Math.Min(bytes >> 20, int.MaxValue)
            : throw new AiTuneException($"--memory '{text}' is not a size", "give a size with a unit: 1GiB, 512MiB");

    public static AcceleratorRequest AcceleratorOf(string text) => Enum.Parse<AcceleratorRequest>(text, ignoreCase: true);

    public static TimeSpan TimeoutOf(int seconds) => TimeSpan.FromSeconds(Math.Max(1, seconds));

    /// <summary>--measure for the commands that choose one: auto, time or instructions.</summary>
    public static Option<string> MeasureOption(string description)
    {
        var measure = new Option<string>("--measure") { Description = description, DefaultValueFactory = _ => "auto" };
        measure.AcceptOnlyFromAmong("auto", "time", "instructions");
        return measure;
    }

    /// <summary>null for "auto": time under KVM, instructions under TCG.</summary>
    public static LabMeasure? MeasureOf(string? text) => text is "auto" or null ? null : Enum.Parse<LabMeasure>(text, ignoreCase: true);

    /// <summary>Progress lines on stderr, each with the seconds since the command started ("[  12 s] booting …").</summary>
    public static Action<string> Progress(TextWriter error)
    {
        var started = DateTime.UtcNow;
        return line => error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture),4} s] {line}");
    }
}
