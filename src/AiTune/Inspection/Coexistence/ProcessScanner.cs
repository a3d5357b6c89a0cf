using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Coexistence;

/// <summary>Finds the watched daemons among the running processes: lists /proc and reads /proc/PID/comm of each
/// process. Processes come and go while the scan runs: one that vanished between the listing and the read (its
/// directory or comm gone, or the read failing with ESRCH) is skipped, as is a comm that is not a process name
/// at all; neither makes the scan unknown. In a snapshot only the comm files of watched daemons were kept, so the
/// other processes are skipped there the same way. On the live host, a /proc that hides other users' processes
/// (hidepid=) makes the scan unknown: what it cannot see, it does not call absent.</summary>
public static class ProcessScanner
{
    public const string ProcDirectory = "/proc";

    /// <summary>TASK_COMM_LEN is 16: at most 15 bytes and a newline. A longer file is no comm, and the bound keeps a
    /// hostile tree from making the scan read much.</summary>
    public const int MaxCommBytes = 64;

    /// <summary>Far above any real host (each process costs the kernel tens of KiB); beyond it the scan stops unknown
    /// rather than read without end.</summary>
    public const int MaxProcesses = 131_072;

    public static Fact<IReadOnlyList<RunningDaemon>> Scan(HostRoot root)
    {
        var listing = root.List(ProcDirectory);
        if (!listing.TryGet(out var entries))
        {
            return Fact.Unknown<IReadOnlyList<RunningDaemon>>(listing.Reason!);
        }

        var pids = entries.Where(e => e.Kind == HostEntryKind.Directory).Select(e => ParsePid(e.Name)).OfType<int>().Order().ToList();
        if (pids.Count == 0)
        {
            return Fact.Unknown<IReadOnlyList<RunningDaemon>>(UnknownKind.Absent, $"{ProcDirectory} holds no process directory (a host tree captured without processes)");
        }

        // /proc mounted with hidepid= (systemd's ProtectProc=, or a hardened mount) lists only the processes this
        // user may see: a daemon run by root would be missed, not absent. The live host always shows PID 1
        // otherwise (in a PID namespace too, where PID 1 is its own init); a host tree keeps only some processes.
        if (root.IsLive && !pids.Contains(1))
        {
            return Fact.Unknown<IReadOnlyList<RunningDaemon>>(UnknownKind.PermissionDenied,
                $"{ProcDirectory} hides other users' processes (mounted with hidepid=, as systemd's ProtectProc= does): a daemon run by another user would be missed");
        }

        if (pids.Count > MaxProcesses)
        {
            return Fact.Unknown<IReadOnlyList<RunningDaemon>>(UnknownKind.Unreadable, $"{ProcDirectory} lists {pids.Count} processes, more than the {MaxProcesses} aitune scans");
        }

        var found = new List<RunningDaemon>();
        foreach (var pid in pids)
        {
            var comm = ReadCommText(root, pid);
            if (comm.Reason is { Kind: UnknownKind.PermissionDenied } denied)
            {
                // Listed but closed (hidepid=noaccess, systemd's ProtectProc=noaccess): not a process that vanished.
                return Fact.Unknown<IReadOnlyList<RunningDaemon>>(UnknownKind.PermissionDenied,
                    $"{denied.Detail}: {ProcDirectory} hides other users' processes from this user, so a daemon run by another user would be missed");
            }

            if (Name(comm) is { } name && WatchedDaemons.Contains(name))
            {
                found.Add(new RunningDaemon(pid, name));
            }
        }

        return found;
    }

    /// <summary>The process's name, or null when the process is gone or its comm is not a name (empty, too long,
    /// more than one line).</summary>
    public static string? ReadComm(HostRoot root, int pid) => Name(ReadCommText(root, pid));

    private static Fact<string> ReadCommText(HostRoot root, int pid) =>
        root.ReadText($"{ProcDirectory}/{pid.ToString(CultureInfo.InvariantCulture)}/comm", MaxCommBytes);

    private static string? Name(Fact<string> text)
    {
        if (!text.TryGet(out var comm))
        {
            return null;
        }

        var name = comm.EndsWith('\n') ? comm[..^1] : comm;
        return name.Length is > 0 and < 16 && !name.Any(char.IsControl) ? name : null;
    }

    /// <summary>A process directory's name: a positive decimal number without a leading zero, as the kernel writes it.</summary>
    public static int? ParsePid(string name) =>
        name.Length is > 0 and <= 10 && name[0] != '0' && name.All(char.IsAsciiDigit)
        && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
}
