using System.Text.RegularExpressions;
using AiTune.Inspection.Coexistence;

namespace AiTune.Snapshots;

/// <summary>What a snapshot may hold: the kernel interfaces aitune reads, and from /etc only the named
/// kernel-tuning files (and TuneD's state), and the names (never the contents) in the firmware directories of the
/// accelerators whose firmware is checked. A second line of defence behind the inspector, which reads nothing
/// else: no environment, no process command lines, no host name, no other files of /etc. Process names are read
/// (to find other tuning daemons) but kept only for the daemons aitune looks for.</summary>
public static partial class SnapshotPolicy
{
    [GeneratedRegex(@"^/(sys(/.*)?|proc(/sys(/.*)?|/(meminfo|vmstat|cpuinfo|version|cmdline|swaps|config\.gz|mounts)|/pressure(/(cpu|memory|io|irq))?|/driver(/nvidia(/.*)?)?|/self(/(mounts|limits))?|/\d+(/(mounts|limits|comm))?)?|boot(/config-[^/]+)?|lib(/modules(/[^/]+(/config)?)?|/firmware(/(habanalabs|intel(/vpu)?)(/.*)?)?)?|etc(/(sysctl\.conf|sysctl\.d(/[^/]+)?|security(/(limits\.conf|limits\.d(/[^/]+)?))?|default(/(grub|grub\.d(/[^/]+)?))?|udev(/rules\.d(/[^/]+)?)?|tuned(/(active_profile|profile_mode))?))?|run(/(sysctl\.d(/[^/]+)?|tuned(/tuned\.pid)?))?|usr(/(local(/lib(/sysctl\.d(/[^/]+)?)?)?|lib(/sysctl\.d(/[^/]+)?|/firmware(/(habanalabs|intel(/vpu)?)(/.*)?)?)?))?|dev(/null)?)$")]
    private static partial Regex AllowedPath();

    public static bool IsAllowed(string hostPath) => AllowedPath().IsMatch(hostPath);

    /// <summary>The entry under "redacted" in the metadata for the process names.</summary>
    public const string ProcessNames = "/proc/[0-9]*/comm";

    /// <summary>What the snapshot keeps of a file, or null to drop it. The mount table keeps only the lines the
    /// inspector uses (cgroups, hugetlbfs, /dev/shm): other mount points can name users and projects. A process
    /// name (/proc/PID/comm) is kept only when it is one of <see cref="WatchedDaemons"/>: the names of the other
    /// processes say what the host runs and are none of the snapshot's business.</summary>
    public static byte[]? Redact(string hostPath, byte[] content)
    {
        if (CommPath().IsMatch(hostPath))
        {
            var name = System.Text.Encoding.UTF8.GetString(content);
            return WatchedDaemons.Contains(name.EndsWith('\n') ? name[..^1] : name) ? content : null;
        }

        if (!MountsPath().IsMatch(hostPath))
        {
            return content;
        }

        var kept = System.Text.Encoding.UTF8.GetString(content).Split('\n')
            .Where(line => line.Split(' ') is { Length: > 2 } f && (f[2] is "cgroup" or "cgroup2" or "hugetlbfs" || f[1] == "/dev/shm"));
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n");
    }

    /// <summary>The entry to list under "redacted" for a file <see cref="Redact"/> keeps only in part or drops:
    /// the mount table by its path, every process name as one <see cref="ProcessNames"/> (listing each would
    /// list the host's processes); null for a file kept whole.</summary>
    public static string? RedactionEntry(string hostPath) =>
        MountsPath().IsMatch(hostPath) ? hostPath : CommPath().IsMatch(hostPath) ? ProcessNames : null;

    /// <summary>"/proc/PID" for a path in or under a process directory, else null: a snapshot keeps such a directory
    /// only when it keeps something in it, so the listing of /proc does not give away every process.</summary>
    public static string? ProcessDirectoryOf(string hostPath) =>
        ProcessPath().Match(hostPath) is { Success: true } match ? match.Groups["directory"].Value : null;

    [GeneratedRegex(@"^/proc/((self|\d+)/)?mounts$")]
    private static partial Regex MountsPath();

    [GeneratedRegex(@"^/proc/\d+/comm$")]
    private static partial Regex CommPath();

    [GeneratedRegex(@"^(?<directory>/proc/\d+)(/.*)?$")]
    private static partial Regex ProcessPath();
}
