using AiTune.Services.Lab;

namespace AiTune.Serialization;

/// <summary>What `aitune lab run --json` prints: how the kernels were measured (and so what the numbers mean), each
/// kernel, every boot, every metric's verdict against the baseline, and the configuration differences.</summary>
/// <param name="Measure">"time" (a performance verdict, under KVM) or "instructions" (path length, under TCG icount).</param>
/// <param name="MeasureMeaning">The measure in a sentence, so the document cannot be read as the other.</param>
public sealed record LabRunDocument(
    int SchemaVersion,
    string Measure,
    string MeasureMeaning,
    string Accelerator,
    int Cpus,
    int MemoryMiB,
    string Qemu,
    int Rounds,
    IReadOnlyList<LabKernel> Kernels,
    IReadOnlyList<LabBoot> Boots,
    IReadOnlyList<LabRunVerdict> Verdicts,
    KernelDiffDocument? ConfigDifferences,
    string Database)
{
    public const int CurrentSchemaVersion = 1;

    public static LabRunDocument Of(LabReport report) => new(
        CurrentSchemaVersion,
        report.Measure.ToString().ToLowerInvariant(),
        MeaningOf(report.Measure),
        report.Accelerator.ToString().ToLowerInvariant(),
        report.Cpus,
        report.MemoryMiB,
        report.QemuVersion,
        report.Rounds,
        report.Kernels,
        report.Boots,
        report.Verdicts.Select(v => new LabRunVerdict(v.Kernel, v.Metric, v.Unit, v.BaselineMedian, v.CandidateMedian, v.Ratio, v.BaselineRuns,
            v.CandidateRuns, char.ToLowerInvariant(v.Verdict.ToString()[0]) + v.Verdict.ToString()[1..], v.Reason, v.BaselineSpread, v.CandidateSpread)).ToList(),
        report.ConfigDifferences is null ? null : KernelDiffDocument.Of(report.ConfigDifferences),
        report.Database);

    public static string MeaningOf(AiTune.Lab.Qemu.LabMeasure measure) => measure == AiTune.Lab.Qemu.LabMeasure.Instructions
        ? "instructions per operation (TCG -icount: one guest instruction is one nanosecond of guest time): the path length of the kernel's code, not its speed on hardware (no caches, TLB, memory bandwidth or contention)"
        : "wall-clock time in KVM guests: relative speed of the kernels' same-CPU paths on this host, not absolute numbers";
}
