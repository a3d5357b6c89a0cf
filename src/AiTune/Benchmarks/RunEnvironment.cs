using System.Runtime.InteropServices;
using AiTune.Inspection;

namespace AiTune.Benchmarks;

/// <summary>
/// The host a run measured, as a skeptic reading the number later needs it: the kernel and its flavor, the tuning in
/// force (aitune's applied profile, THP, the CPU governor), and the hardware. PTS keeps the same kind of notes per
/// system; kernel comparisons are meaningless without them.
/// </summary>
/// <param name="AppliedProfile">The profile aitune's journal says is applied; null when none is.</param>
/// <param name="Governor">The cpufreq governor(s) in use ("performance", "powersave+performance"); null without cpufreq (a VM).</param>
/// <param name="Runtime">The .NET runtime that ran the benchmarks.</param>
/// <param name="VectorBits">The widest vector the benchmark loops use in this build (<see cref="Memory.LoopVectors"/>):
/// fixed when the binary is built, and it moves single-thread memory bandwidth by as much as a kernel can. Null in
/// runs stored before it was recorded.</param>
/// <param name="Clocksource">The kernel's clocksource (tsc, kvm-clock, hpet …): every time a benchmark reads goes through
/// it, and a slow one (hpet, acpi_pm) adds microseconds to every latency sample. Null in runs stored before it was
/// recorded, or where it cannot be read.</param>
/// <param name="Gpus">How many accelerators (GPUs and other AI accelerators, no display adapters) the host has; the
/// stored name predates accelerators other than GPUs and is kept so stored runs read unchanged.</param>
public sealed record RunEnvironment(
    string Hostname,
    string? Kernel,
    string? Flavor,
    string? Cmdline,
    string? Preemption,
    string? CpuModel,
    int? LogicalCpus,
    long? MemoryBytes,
    int? NumaNodes,
    int? Gpus,
    string? Virtualization,
    string? Thp,
    string? Governor,
    string? AppliedProfile,
    string ToolVersion,
    string Runtime,
    string Architecture,
    int? VectorBits = null,
    string? Clocksource = null)
{
    private const string ClocksourcePath = "/sys/devices/system/clocksource/clocksource0/current_clocksource";

    public static RunEnvironment From(HostFacts facts, string? appliedProfile, string toolVersion)
    {
        var summary = Audit.AuditEngine.Summarize(facts);
        var governors = facts.Cpu.Policies.Select(p => p.Governor.ValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RunEnvironment(
            Environment.MachineName,
            summary.Kernel,
            summary.Flavor,
            facts.Kernel.Cmdline.ValueOrDefault?.Raw,
            facts.Kernel.Preemption.IsKnown ? facts.Kernel.Preemption.Value.ToString() : null,
            summary.CpuModel,
            summary.LogicalCpus,
            summary.MemoryBytes,
            summary.NumaNodes,
            summary.Accelerators,
            summary.Virtualization,
            facts.Memory.Thp.ValueOrDefault?.Enabled.ValueOrDefault,
            governors.Count == 0 ? null : string.Join('+', governors),
            appliedProfile,
            toolVersion,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            Memory.LoopVectors.Bits,
            CurrentClocksource());
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
