namespace AiTune.Inspection.Cgroups;

/// <summary>
/// The options of a cgroup (v1) mount in /proc/self/mounts. After the generic mount flags (rw, nosuid, relatime
/// …), cgroup1_show_options() in kernel/cgroup/cgroup-v1.c prints the hierarchy's controllers by their legacy
/// names, then "noprefix", "xattr", "cpuset_v2_mode", "favordynmods", "release_agent=…", "clone_children" and
/// "name=…". Everything else is therefore a controller.
/// </summary>
public static class CgroupV1OptionsParser
{
    /// <summary>Flags show_mnt_opts()/show_sb_opts() and the security modules print before the cgroup options.</summary>
    private static readonly HashSet<string> MountFlags = new(StringComparer.Ordinal)
    {
        "rw", "ro", "nosuid", "nodev", "noexec", "sync", "dirsync", "mand", "noatime", "nodiratime", "relatime",
        "strictatime", "lazytime", "seclabel",
    };

    /// <summary>The hierarchy options cgroup1_show_options() prints that are not controllers.</summary>
    private static readonly HashSet<string> HierarchyFlags = new(StringComparer.Ordinal)
    {
        "noprefix", "xattr", "cpuset_v2_mode", "favordynmods", "clone_children",
    };

    public static IReadOnlyList<string> Controllers(IReadOnlyList<string> options) =>
        options.Where(option => !option.Contains('=') && !MountFlags.Contains(option) && !HierarchyFlags.Contains(option)).ToList();

    /// <summary>The name= of a named hierarchy ("systemd"), or null.</summary>
    public static string? Name(IReadOnlyList<string> options) =>
        options.LastOrDefault(option => option.StartsWith("name=", StringComparison.Ordinal))?["name=".Length..];
}
