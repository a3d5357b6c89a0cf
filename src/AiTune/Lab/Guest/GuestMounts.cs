using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>The kernel filesystems a lab guest mounts as PID 1, in order (virtme-ng's init mounts the same set): what
/// the inspection and the suites read (proc, sysfs, cgroup2, debugfs for sched/preempt), device nodes (devtmpfs, for
/// the results port) and scratch space (tmpfs).</summary>
public static class GuestMounts
{
    private const ulong NoSuidNoDevNoExec = Posix.MountNoSuid | Posix.MountNoDev | Posix.MountNoExec;

    public static IReadOnlyList<GuestMount> All { get; } =
    [
        new("proc", "/proc", "proc", NoSuidNoDevNoExec, null, Required: true),
        new("sysfs", "/sys", "sysfs", NoSuidNoDevNoExec, null, Required: true),
        new("devtmpfs", "/dev", "devtmpfs", Posix.MountNoSuid, "mode=0755", Required: true),
        new("tmpfs", "/tmp", "tmpfs", Posix.MountNoSuid | Posix.MountNoDev, "mode=1777", Required: true),
        new("tmpfs", "/run", "tmpfs", Posix.MountNoSuid | Posix.MountNoDev, "mode=0755", Required: true),
        new("cgroup2", "/sys/fs/cgroup", "cgroup2", NoSuidNoDevNoExec, null, Required: false),
        new("debugfs", "/sys/kernel/debug", "debugfs", NoSuidNoDevNoExec, null, Required: false),
    ];

    /// <summary>Mounts one filesystem, creating its directory; already mounted (EBUSY) counts as done. Returns null,
    /// or the problem in words.</summary>
    public static string? Mount(GuestMount mount)
    {
        Directory.CreateDirectory(mount.Target);
        if (Posix.Mount(mount.Source, mount.Target, mount.Type, mount.Flags, mount.Data) == 0)
        {
            return null;
        }

        int errno = Posix.LastError;
        return errno == Posix.EBUSY ? null : $"{mount.Type} on {mount.Target}: {Posix.Describe(errno)}";
    }

    /// <summary>Mounts them all; the problems of optional ones are returned, a required one's is an exception.</summary>
    public static IReadOnlyList<string> MountAll(bool procAlreadyMounted)
    {
        var problems = new List<string>();
        foreach (var mount in All)
        {
            if (procAlreadyMounted && mount.Target == "/proc")
            {
                continue;
            }

            string? problem = Mount(mount);
            if (problem is null)
            {
                continue;
            }

            if (mount.Required)
            {
                throw new AiTuneException($"the lab guest could not mount {problem}", "the guest kernel lacks a filesystem the lab needs");
            }

            problems.Add(problem);
        }

        return problems;
    }
}
