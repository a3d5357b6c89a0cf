using AiTune.Interop;

namespace AiTune.Files;

/// <summary>fsync of a directory: a new, renamed or removed entry survives a crash only once its directory is synced
/// (rename(2) alone is atomic but not durable). .NET cannot open a directory for fsync.</summary>
public static class DirectorySync
{
    /// <exception cref="AiTuneException">The directory cannot be opened, or the file system reports an error.</exception>
    public static void Fsync(string directory)
    {
        int fd = Posix.Open(directory, Posix.ORdOnly | Posix.ODirectory | Posix.OCloExec);
        if (fd < 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"cannot open the directory {directory} to sync it: {Posix.Describe(errno)}",
                "check that the directory exists and that you may read it (aitune's state directory: as root)");
        }

        try
        {
            if (Posix.Fsync(fd) != 0)
            {
                int errno = Posix.LastError;
                throw new AiTuneException($"cannot sync the directory {directory}: {Posix.Describe(errno)}",
                    "the file system reported an I/O error: check the disk (dmesg) before writing further");
            }
        }
        finally
        {
            Posix.Close(fd);
        }
    }
}
