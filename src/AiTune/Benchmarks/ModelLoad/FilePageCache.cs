using AiTune.Interop;

namespace AiTune.Benchmarks.ModelLoad;

/// <summary>
/// A file's pages in the page cache: dropped for a cold load, and counted to prove it (fio only logs when its
/// invalidation fails; aitune reports what was still resident). The procedure: fdatasync (dirty pages are never
/// dropped), posix_fadvise(DONTNEED), then mincore(2) over a mapping of the file.
/// </summary>
internal static unsafe class FilePageCache
{
    /// <summary>Writes back and drops the file's cached pages; pages another process has mapped stay.</summary>
    public static void Evict(int fd)
    {
        Posix.Fdatasync(fd);
        int error = Posix.PosixFadvise(fd, 0, 0, Posix.FadvDontNeed);
        if (error != 0)
        {
            throw new AiTuneException($"posix_fadvise(DONTNEED) on the model failed: {Posix.Describe(error)}", "a cold load needs a regular file on a local filesystem; use --warm for this one");
        }
    }

    /// <summary>The share of the file's pages in the page cache, 0 to 1 (1 for an empty file: nothing to read).</summary>
    public static double ResidentShare(int fd, long length)
    {
        if (length == 0)
        {
            return 1;
        }

        nint mapping = Posix.Mmap(0, (nuint)length, Posix.ProtRead, Posix.MapShared, fd, 0);
        if (mapping == Posix.MapFailed)
        {
            throw new AiTuneException($"cannot map the model file to count its cached pages: {Posix.Describe(Posix.LastError)}",
                "the file must be a regular file on a filesystem that supports mmap");
        }

        long pages = (length + Posix.PageSize - 1) / Posix.PageSize;
        byte[] vector = new byte[pages];
        try
        {
            fixed (byte* v = vector)
            {
                if (Posix.Mincore(mapping, (nuint)length, v) != 0)
                {
                    throw new AiTuneException($"mincore failed on the model file: {Posix.Describe(Posix.LastError)}", "report this as a bug");
                }
            }
        }
        finally
        {
            Posix.Munmap(mapping, (nuint)length);
        }

        long resident = 0;
        foreach (byte page in vector)
        {
            resident += page & 1;
        }

        return (double)resident / pages;
    }

    /// <summary>Drops the whole page cache (vm.drop_caches = 1, after sync). Root only; every other file on the
    /// host goes cold too, which is why it is opt-in (--drop-caches).</summary>
    public static void DropAll()
    {
        Posix.Sync();
        File.WriteAllText("/proc/sys/vm/drop_caches", "1");
    }
}
