using System.Text.RegularExpressions;

namespace AiTune.Snapshots;

/// <summary>What a snapshot may hold: the kernel interfaces aitune reads, and from /etc only the named
/// kernel-tuning files. A second line of defence behind the inspector, which reads nothing else: no
/// environment, no process command lines, no host name, no other files of /etc.</summary>
public static partial class SnapshotPolicy
{
    [GeneratedRegex(@"^/(sys(/.*)?|proc(/sys(/.*)?|/(meminfo|cpuinfo|version|cmdline|swaps|config\.gz)|/pressure(/(cpu|memory|io))?|/driver(/nvidia(/.*)?)?|/self|/\d+(/(mounts|limits))?)?|boot(/config-[^/]+)?|lib(/modules(/[^/]+(/config)?)?)?|etc(/(sysctl\.conf|sysctl\.d(/[^/]+)?|security(/(limits\.conf|limits\.d(/[^/]+)?))?|default(/(grub|grub\.d(/[^/]+)?))?|udev(/rules\.d(/[^/]+)?)?))?|run(/sysctl\.d(/[^/]+)?)?|usr(/(local(/lib(/sysctl\.d(/[^/]+)?)?)?|lib(/sysctl\.d(/[^/]+)?)?))?|dev(/null)?)$")]
    private static partial Regex AllowedPath();

    public static bool IsAllowed(string hostPath) => AllowedPath().IsMatch(hostPath);

    /// <summary>The mount table keeps only the lines the inspector uses (cgroups, hugetlbfs, /dev/shm): other
    /// mount points can name users and projects.</summary>
    public static byte[] Redact(string hostPath, byte[] content)
    {
        if (!MountsPath().IsMatch(hostPath))
        {
            return content;
        }

        var kept = System.Text.Encoding.UTF8.GetString(content).Split('\n')
            .Where(line => line.Split(' ') is { Length: > 2 } f && (f[2] is "cgroup" or "cgroup2" or "hugetlbfs" || f[1] == "/dev/shm"));
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n");
    }

    [GeneratedRegex(@"^/proc/(self|\d+)/mounts$")]
    private static partial Regex MountsPath();

    public static bool IsRedacted(string hostPath) => MountsPath().IsMatch(hostPath);
}
