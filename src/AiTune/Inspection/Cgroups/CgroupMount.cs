namespace AiTune.Inspection.Cgroups;

/// <summary>One cgroup or cgroup2 mount.</summary>
/// <param name="Controllers">v1: the controllers of the hierarchy (from the mount options); v2: empty.</param>
/// <param name="Name">v1: the name= of a hierarchy without controllers ("systemd"), null when it has none.</param>
public sealed record CgroupMount(string Path, string FsType, IReadOnlyList<string> Controllers, string? Name);
