namespace AiTune.Knobs;

/// <summary>
/// Sysctls aitune never writes, whatever a profile says: each names a program the kernel runs as root (a core
/// dump pipe, the module loader, the hotplug helper, the power-off command) or registers an interpreter for
/// binaries (binfmt_misc). Writing one is running code as root, not tuning; a profile that names one is refused
/// when it is read, and the writers refuse the path again so that no other route reaches it.
/// </summary>
public static class ForbiddenSysctls
{
    private static readonly IReadOnlyDictionary<string, string> Programs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kernel.core_pattern"] = "a pattern starting with '|' makes the kernel run that program as root on every crash",
        ["kernel.modprobe"] = "the kernel runs this program as root to load modules",
        ["kernel.hotplug"] = "the kernel runs this program as root on every device event",
        ["kernel.poweroff_cmd"] = "the kernel runs this program as root on an orderly power-off",
    };

    private const string BinfmtMisc = "fs.binfmt_misc";

    /// <summary>Why aitune refuses to write <paramref name="key"/> (dotted), or null when it may.</summary>
    public static string? Why(string key) =>
        Programs.TryGetValue(key, out var why) ? why
        : key == BinfmtMisc || key.StartsWith(BinfmtMisc + ".", StringComparison.Ordinal) ? "binfmt_misc registers interpreters the kernel runs for matching binaries"
        : null;

    /// <summary>As <see cref="Why"/>, for a /proc/sys path ("/proc/sys/kernel/core_pattern").</summary>
    public static string? WhyPath(string procSysPath) =>
        procSysPath.StartsWith("/proc/sys/", StringComparison.Ordinal) ? Why(procSysPath["/proc/sys/".Length..].Replace('/', '.')) : null;
}
