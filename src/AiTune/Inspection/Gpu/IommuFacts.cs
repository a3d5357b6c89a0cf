namespace AiTune.Inspection.Gpu;

/// <summary>The IOMMU as the kernel runs it.</summary>
/// <param name="Mode">off, passthrough (identity), translated-lazy (DMA-FQ), translated-strict (DMA), unknown.</param>
/// <param name="Evidence">What the mode was read from (group types in /sys/kernel/iommu_groups, cmdline).</param>
/// <param name="GroupCount">Number of IOMMU groups (0: no IOMMU active).</param>
/// <param name="CmdlineParameters">The IOMMU parameters on the command line (iommu=, intel_iommu=, amd_iommu=, iommu.passthrough=, iommu.strict=).</param>
/// <param name="NvidiaDriverVersion">From /proc/driver/nvidia/version.</param>
public sealed record IommuFacts(Fact<string> Mode, string Evidence, Fact<int> GroupCount, IReadOnlyList<string> CmdlineParameters, Fact<string> NvidiaDriverVersion);
