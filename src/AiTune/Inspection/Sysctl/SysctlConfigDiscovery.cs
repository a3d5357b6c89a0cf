using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Sysctl;

/// <summary>Finds the files systemd-sysctl (and procps <c>sysctl --system</c>) apply at boot. sysctl.d(5):
/// "Files in /etc/ override files with the same name in /run/, /usr/local/lib/, and /usr/lib/. Files in /run/
/// override files with the same name under /usr/. All configuration files are sorted by their filename in
/// lexicographic order, regardless of which of the directories they reside in." Only "*.conf" files count, and
/// "the recommended way [to disable a vendor file] is to place a symlink to /dev/null in the configuration
/// directory in /etc/, with the same filename".</summary>
public static class SysctlConfigDiscovery
{
    /// <summary>In precedence order. /lib/sysctl.d is procps's (on merged-/usr systems it is /usr/lib/sysctl.d).</summary>
    public static readonly IReadOnlyList<string> Directories =
        ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"];

    /// <summary>systemd reads it only through the distribution's /etc/sysctl.d/99-sysctl.conf link; procps
    /// <c>sysctl --system</c> reads it after everything else.</summary>
    public const string SysctlConf = "/etc/sysctl.conf";

    /// <summary>Where the kernel command line's sysctl.* parameters are listed among the files: the kernel applies
    /// them (Linux 5.8+) before userspace, so every file is applied after them.</summary>
    public const string KernelCommandLine = "/proc/cmdline";

    private const int MaxLinkHops = 8;

    public static SysctlConfigListing Find(HostRoot root)
    {
        var problems = new List<UnknownReason>();
        var winners = new SortedDictionary<string, (string Path, HostEntryKind Kind)>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            var listing = root.List(directory);
            if (!listing.TryGet(out var entries))
            {
                if (listing.Reason!.Kind != UnknownKind.Absent)
                {
                    problems.Add(listing.Reason);
                }

                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.Name.EndsWith(".conf", StringComparison.Ordinal) && !entry.Name.StartsWith('.')
                    && entry.Kind is HostEntryKind.File or HostEntryKind.Symlink)
                {
                    winners.TryAdd(entry.Name, (directory + "/" + entry.Name, entry.Kind));
                }
            }
        }

        var files = new List<string>();
        var masked = new List<string>();
        bool sysctlConfLinked = false;
        foreach (var (name, (path, kind)) in winners)
        {
            if (kind == HostEntryKind.Symlink)
            {
                var target = FinalTarget(root, path, problems);
                if (target == "/dev/null")
                {
                    masked.AddRange(Directories.Skip(1).Select(d => d + "/" + name).Where(p => p != path && root.Exists(p)));
                    continue;
                }

                sysctlConfLinked |= target == SysctlConf;
            }

            files.Add(path);
        }

        if (!sysctlConfLinked && root.Exists(SysctlConf))
        {
            files.Add(SysctlConf);
        }

        return new SysctlConfigListing(files, masked, problems);
    }

    /// <summary>Where a chain of links ends, as a host path (not read: /dev/null is a device, and a tree has none).</summary>
    private static string? FinalTarget(HostRoot root, string path, List<UnknownReason> problems)
    {
        string current = path;
        for (int hop = 0; hop < MaxLinkHops; hop++)
        {
            var link = root.ReadLink(current);
            if (!link.TryGet(out var target))
            {
                if (hop == 0)
                {
                    problems.Add(link.Reason!);
                }

                return current;
            }

            current = Join(current[..current.LastIndexOf('/')], target);
        }

        return current;
    }

    /// <summary>Resolves a link target against the link's directory, removing "." and ".." (never above "/").</summary>
    private static string Join(string directory, string target)
    {
        var parts = new List<string>();
        foreach (var part in (target.StartsWith('/') ? target : directory + "/" + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}
