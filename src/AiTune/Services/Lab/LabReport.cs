using AiTune.Lab.Configs;
using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>What a lab run found: the kernels, every boot, each metric's verdict against the baseline, the
/// configuration differences that may explain them, and each kernel's audit score.</summary>
/// <param name="Measure">What the numbers are: time (a performance verdict) or instructions (path length, not time).</param>
/// <param name="ConfigDifferences">The AI-relevant configuration differences of each candidate against the baseline;
/// null for one kernel.</param>
/// <param name="Database">The result store holding the runs.</param>
public sealed record LabReport(
    LabMeasure Measure,
    Accelerator Accelerator,
    int Cpus,
    int MemoryMiB,
    string QemuVersion,
    int Rounds,
    IReadOnlyList<LabKernel> Kernels,
    IReadOnlyList<LabBoot> Boots,
    IReadOnlyList<LabMetricVerdict> Verdicts,
    KernelConfigDiff? ConfigDifferences,
    string Database);
