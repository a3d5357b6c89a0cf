using System.Diagnostics;

namespace AiTune.Tests.Support;

/// <summary>Takes down a mount a test made (a tmpfs, a ramfs, a read-only bind mount of a scratch directory).</summary>
public static class TestMounts
{
    /// <summary>umount --lazy: the mount point is an ordinary directory again at once, even while some other
    /// process holds a file or a directory of the mount open. The tests run beside other tests and tools that open
    /// what lies in /tmp for a moment; a plain umount then fails with "target is busy", and a CI run once left a
    /// read-only bind mount behind that way, the failure masked by the scratch directory's delete (EBUSY) after it.
    /// The mount is freed when the last such reference goes.</summary>
    public static void Detach(string mountPoint)
    {
        using var process = Process.Start(new ProcessStartInfo("umount", ["--lazy", mountPoint]) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"umount --lazy {mountPoint}: exit {process.ExitCode}: {error}");
    }
}
