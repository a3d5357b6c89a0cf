using AiTune.Facts;

namespace AiTune.Inspection.Cgroups;

/// <summary>Control groups: version, mounts, controllers, pressure stall information.</summary>
/// <param name="Version">v1, v2 or hybrid (v1 hierarchies plus a v2 one, as systemd's hybrid mode mounts them).</param>
/// <param name="Mounts">cgroup and cgroup2 mounts from /proc/self/mounts; empty when the mount table is unknown
/// (<see cref="Version"/> then says why).</param>
/// <param name="V2Controllers">cgroup.controllers at the v2 root: the controllers the v2 hierarchy can use (in
/// hybrid mode only those no v1 hierarchy holds).</param>
/// <param name="V2SubtreeControl">cgroup.subtree_control at the v2 root: controllers handed to children.</param>
/// <param name="PsiAvailable">/proc/pressure/{cpu,memory,io} readable (CONFIG_PSI and not psi=0). False when the
/// files are absent or answer EOPNOTSUPP (older kernels keep the files when psi=0).</param>
/// <param name="CpuPressure">/proc/pressure/cpu.</param>
/// <param name="MemoryPressure">/proc/pressure/memory.</param>
/// <param name="IoPressure">/proc/pressure/io.</param>
public sealed record CgroupFacts(
    Fact<CgroupVersion> Version,
    IReadOnlyList<CgroupMount> Mounts,
    Fact<IReadOnlyList<string>> V2Controllers,
    Fact<IReadOnlyList<string>> V2SubtreeControl,
    Fact<bool> PsiAvailable,
    Fact<PressureStall> CpuPressure,
    Fact<PressureStall> MemoryPressure,
    Fact<PressureStall> IoPressure);
