namespace AiTune.Inspection.Cgroups;

/// <summary>Control groups: version, mounts, controllers, pressure stall information.</summary>
/// <param name="Version">v1, v2 or hybrid (v1 controllers plus a v2 hierarchy).</param>
/// <param name="Mounts">cgroup and cgroup2 mounts from /proc/self/mounts.</param>
/// <param name="V2Controllers">cgroup.controllers at the v2 root.</param>
/// <param name="V2SubtreeControl">cgroup.subtree_control at the v2 root: controllers handed to children.</param>
/// <param name="PsiAvailable">/proc/pressure/{cpu,memory,io} readable (CONFIG_PSI and not psi=0).</param>
public sealed record CgroupFacts(
    Fact<CgroupVersion> Version,
    IReadOnlyList<CgroupMount> Mounts,
    Fact<IReadOnlyList<string>> V2Controllers,
    Fact<IReadOnlyList<string>> V2SubtreeControl,
    Fact<bool> PsiAvailable);

public enum CgroupVersion
{
    V1,
    V2,
    Hybrid,
}

/// <param name="Controllers">v1: the controllers of the hierarchy (from the mount options); v2: empty.</param>
public sealed record CgroupMount(string Path, string FsType, IReadOnlyList<string> Controllers);
