using AiTune.Facts;

namespace AiTune.Inspection.Accelerators;

/// <summary>The IOMMU as the kernel runs it.</summary>
/// <param name="Mode">One of <see cref="IommuModes"/>: off, passthrough (identity), translated-lazy (DMA-FQ),
/// translated-strict (DMA), mixed; unknown when neither the groups nor the command line tell.</param>
/// <param name="Evidence">What the mode was read from (group types in /sys/kernel/iommu_groups, cmdline), in words.</param>
/// <param name="GroupCount">Number of IOMMU groups (0: no IOMMU active, also when the directory is absent).</param>
/// <param name="CmdlineParameters">The IOMMU parameters on the command line (iommu=, intel_iommu=, amd_iommu*=,
/// iommu.*=) as "name=value"; empty when the command line is unknown (<see cref="Evidence"/> says so).</param>
/// <param name="NvidiaDriverVersion">From /proc/driver/nvidia/version.</param>
public sealed record IommuFacts(Fact<string> Mode, string Evidence, Fact<int> GroupCount, IReadOnlyList<string> CmdlineParameters, Fact<string> NvidiaDriverVersion);
