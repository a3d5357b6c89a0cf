using System.Runtime.InteropServices;
using AiTune.Inspection;

namespace AiTune.Benchmarks;

/// <summary>
/// The host a run measured, as a skeptic reading the number later needs it: the kernel and its flavor, the tuning in
/// force (aitune's applied profile, THP, the CPU governor), and the hardware. PTS keeps the same kind of notes per
/// system; kernel comparisons are meaningless without them.
/// </summary>
/// <remarks>Members are set by name: nineteen of them, most strings or nullable numbers, which a positional call
/// would let anyone swap unnoticed.</remarks>
public sealed record RunEnvironment
{
    public required string Hostname { get; init; }

    /// <summary>The kernel release (uname -r).</summary>
    public required string? Kernel { get; init; }

    public required string? Flavor { get; init; }

    public required string? Cmdline { get; init; }

    public required string? Preemption { get; init; }

    public required string? CpuModel { get; init; }

    public required int? LogicalCpus { get; init; }

    public required long? MemoryBytes { get; init; }

    public required int? NumaNodes { get; init; }

    /// <summary>How many accelerators (GPUs and other AI accelerators, no display adapters) the host has; the stored
    /// name predates accelerators other than GPUs and is kept so stored runs read unchanged.</summary>
    public required int? Gpus { get; init; }

    public required string? Virtualization { get; init; }

    public required string? Thp { get; init; }

    /// <summary>The cpufreq governor(s) in use ("performance", "powersave+performance"); null without cpufreq (a VM).</summary>
    public required string? Governor { get; init; }

    /// <summary>The profile aitune's journal says is applied; null when none is.</summary>
    public required string? AppliedProfile { get; init; }

    public required string ToolVersion { get; init; }

    /// <summary>The .NET runtime that ran the benchmarks.</summary>
    public required string Runtime { get; init; }

    public required string Architecture { get; init; }

    /// <summary>The widest vector the benchmark loops use in this build (<see cref="Memory.LoopVectors"/>): fixed when
    /// the binary is built, and it moves single-thread memory bandwidth by as much as a kernel can. Null in runs stored
    /// before it was recorded (so not required: a stored run without it reads).</summary>
    public int? VectorBits { get; init; }

    /// <summary>The kernel's clocksource (tsc, kvm-clock, hpet …): every time a benchmark reads goes through it, and a
    /// slow one (hpet, acpi_pm) adds microseconds to every latency sample. Null in runs stored before it was recorded,
    /// or where it cannot be read (so not required).</summary>
    public string? Clocksource { get; init; }

    /// <summary>The SHA-256 (hex) of the kernel's build configuration, taken over its options (one NAME=value line
    /// each, in name order, comments left out): two kernels with the same release but another configuration (a rebuild,
    /// a vendor's variant) are not the same kernel. The lab records it for every guest from the package or tree it
    /// booted; null for runs measured on a host, and in runs stored before it was recorded.</summary>
    public string? KernelConfigHash { get; init; }

    private const string ClocksourcePath = "/sys/devices/system/clocksource/clocksource0/current_clocksource";

    public static RunEnvironment From(HostFacts facts, string? appliedProfile, string toolVersion)
    {
        var summary = HostSummary.Of(facts);
        var governors = facts.Cpu.Policies.Select(p => p.Governor.ValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RunEnvironment
        {
            Hostname = Environment.MachineName,
            Kernel = summary.Kernel,
            Flavor = summary.Flavor,
            Cmdline = facts.Kernel.Cmdline.ValueOrDefault?.Raw,
            Preemption = facts.Kernel.Preemption.IsKnown ? facts.Kernel.Preemption.Value.ToString() : null,
            CpuModel = summary.CpuModel,
            LogicalCpus = summary.LogicalCpus,
            MemoryBytes = summary.MemoryBytes,
            NumaNodes = summary.NumaNodes,
            Gpus = summary.Accelerators,
            Virtualization = summary.Virtualization,
            Thp = facts.Memory.Thp.ValueOrDefault?.Enabled.ValueOrDefault,
            Governor = governors.Count == 0 ? null : string.Join('+', governors),
            AppliedProfile = appliedProfile,
            ToolVersion = toolVersion,
            Runtime = RuntimeInformation.FrameworkDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            VectorBits = Memory.LoopVectors.Bits,
            Clocksource = CurrentClocksource(),
        };
    }

    /// <summary>This host's clocksource now: the run measures here, whatever root the facts came from.</summary>
    private static string? CurrentClocksource()
    {
        try
        {
            var name = File.ReadAllText(ClocksourcePath).Trim();
            return name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
