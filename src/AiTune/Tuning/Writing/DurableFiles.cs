using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>The few process and file-system primitives the tuning engine needs beyond .NET's file API: making a
/// rename or an unlink durable, knowing whether we run as root, and dying the way a power cut would.</summary>
public static class DurableFiles
{
    /// <summary>fsync of a directory: a new, renamed or removed entry survives a crash only once its directory is
    /// synced (rename(2) alone is atomic but not durable). .NET cannot open a directory for fsync.</summary>
    public static void FsyncDirectory(string directory)
    {
        int fd = Posix.Open(directory, Posix.ORdOnly | Posix.ODirectory | Posix.OCloExec);
        if (fd < 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"cannot open the directory {directory} to sync it: {Posix.Describe(errno)}",
                "check that the directory exists and that aitune runs as root");
        }

        try
        {
            if (Posix.Fsync(fd) != 0)
            {
                int errno = Posix.LastError;
                throw new AiTuneException($"cannot sync the directory {directory}: {Posix.Describe(errno)}",
                    "the file system reported an I/O error: check the disk (dmesg) before tuning further");
            }
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    /// <summary>Effective uid 0: what the kernel checks when aitune writes /proc/sys and /sys (not the user name,
    /// not sudo's environment).</summary>
    public static bool IsRoot => Posix.GetEuid() == 0;

    public static uint EffectiveUserId => Posix.GetEuid();

    /// <summary>Who owns a path (not following a final link); null when it cannot be read.</summary>
    public static uint? OwnerOf(string path) => Posix.OwnerUid(path);

    /// <summary>SIGKILL to our own process: no finally block, no flush, no exit handler runs, exactly like a crash
    /// or a power cut. The crash hook of the apply tests uses it to prove the journal recovers from any point.</summary>
    [DoesNotReturn]
    public static void KillSelf()
    {
        Posix.Kill(Posix.GetPid(), Posix.SigKill);

        // The signal may land an instant after kill(2) returns; nothing of ours may run in between.
        Thread.Sleep(Timeout.Infinite);
        throw new UnreachableException("SIGKILL did not end the process");
    }
}
