using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>The few process primitives the tuning engine needs beyond .NET's: knowing whether we run as root, who
/// owns a path, and dying the way a power cut would (making a rename durable is <see cref="Files.DirectorySync"/>).</summary>
public static class DurableFiles
{
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
