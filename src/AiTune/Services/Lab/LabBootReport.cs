using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>`aitune lab boot`'s result: every boot of every kernel, in the order they ran.</summary>
public sealed record LabBootReport(LabMeasure Measure, Accelerator Accelerator, int Cpus, int MemoryMiB, string QemuVersion, IReadOnlyList<LabBootCheck> Boots);
