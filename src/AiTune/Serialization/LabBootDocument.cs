using AiTune.Services.Lab;

namespace AiTune.Serialization;

/// <summary>What `aitune lab boot --json` prints: each kernel's boots summarised, and every boot.</summary>
public sealed record LabBootDocument(
    int SchemaVersion,
    string Measure,
    string Accelerator,
    int Cpus,
    int MemoryMiB,
    string Qemu,
    IReadOnlyList<LabBootKernelSummary> Kernels,
    IReadOnlyList<LabBootEntry> Boots)
{
    public const int CurrentSchemaVersion = 1;

    public static LabBootDocument Of(LabBootReport report) => new(
        CurrentSchemaVersion,
        report.Measure.ToString().ToLowerInvariant(),
        report.Accelerator.ToString().ToLowerInvariant(),
        report.Cpus,
        report.MemoryMiB,
        report.QemuVersion,
        report.Boots.GroupBy(b => b.Kernel).Select(g => LabBootKernelSummary.Of(g.ToList())).ToList(),
        report.Boots.Select(b => new LabBootEntry(b.Kernel, b.Release, b.Round, b.WallSeconds, b.GuestSeconds, b.Failure, b.ConsoleTail, b.Identity?.Version,
            b.Identity?.Clocksource, b.Identity?.CommandLine, b.Identity?.Cpus, b.Identity?.MemTotalKb, b.Identity?.Boot.ModulesLoaded)).ToList());
}
