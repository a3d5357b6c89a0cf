using AiTune.Files;
using AiTune.Interop;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Benchmarks.Disk;

/// <summary>
/// The file the disk benchmark reads, open read-only: a user's file or block device (never written, never opened if
/// it is anything else), or a temporary file aitune wrote and unlinked at once, so that it disappears with the
/// descriptor even when aitune is killed. Opened with O_DIRECT where the file system allows it.
/// </summary>
internal sealed class DiskTarget : IDisposable
{
    private int descriptor;

    private DiskTarget(int descriptor, long sizeBytes, bool direct, string description, string fileSystem, string directory)
    {
        this.descriptor = descriptor;
        SizeBytes = sizeBytes;
        Direct = direct;
        Description = description;
        FileSystem = fileSystem;
        Directory = directory;
    }

    public int Descriptor => descriptor >= 0 ? descriptor : throw new ObjectDisposedException(nameof(DiskTarget));

    public long SizeBytes { get; }

    /// <summary>True when reads bypass the page cache (O_DIRECT); false when the file system refused it.</summary>
    public bool Direct { get; }

    /// <summary>What is read, for a note: "a temporary 1 GiB file in /var/tmp", "/dev/nvme0n1 (block device, 1.8 TiB)".</summary>
    public string Description { get; }

    /// <summary>The file system type of the directory the file lives in ("ext4", "tmpfs"); "block device" for one.</summary>
    public string FileSystem { get; }

    /// <summary>The directory the file lives in, as given.</summary>
    public string Directory { get; }

    /// <summary>Opens a user's file or block device read-only. Refuses, before opening anything that could block or
    /// have side effects, a directory, FIFO, socket or character device.</summary>
    public static DiskTarget OpenExisting(string path)
    {
        string shown = DisplayText.Escape(path);
        // O_PATH follows links (/dev/disk/by-id/… are links) but opens nothing: a FIFO cannot block, a device
        // driver's open is not called.
        int pinned = Posix.Open(path, Posix.OPath | Posix.OCloExec);
        if (pinned < 0)
        {
            int errno = Posix.LastError;
            throw errno == Posix.ENOENT
                ? new AiTuneException($"disk: {shown} does not exist", "give --disk-path an existing file or block device, such as the file that holds a model's weights")
                : new AiTuneException($"disk: cannot open {shown}: {Posix.Describe(errno)}", "give --disk-path a file or block device this user can read");
        }

        try
        {
            int type = Posix.FileType(pinned);
            bool block = type == Posix.TypeBlockDevice;
            if (type != Posix.TypeRegular && !block)
            {
                throw new AiTuneException($"disk: {shown} is {Kind(type)}, not a file or a block device",
                    type == Posix.TypeDirectory
                        ? "give --disk-path a file in that directory (a model's weights, for instance), or leave it out to measure a temporary file"
                        : "give --disk-path a regular file or a block device; aitune reads nothing else");
            }

            // Reopening through /proc/self/fd reaches exactly the inode checked above, whatever the path became since.
            string reopen = $"/proc/self/fd/{pinned}";
            var (fd, direct) = OpenForReading(reopen, shown);
            long size = Posix.Lseek(fd, 0, Posix.SeekEnd);
            if (size < 0)
            {
                int errno = Posix.LastError;
                Posix.Close(fd);
                throw new AiTuneException($"disk: cannot learn the size of {shown}: {Posix.Describe(errno)}", "give --disk-path a regular file or a block device");
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
            string fileSystem = block ? "block device" : FileSystemOf(directory);
            string description = $"{shown} ({(block ? "block device" : "file")}, {ByteSize.Format(size)})";
            return new DiskTarget(fd, size, direct, description, fileSystem, directory);
        }
        finally
        {
            Posix.Close(pinned);
        }
    }

    /// <summary>Writes a temporary file of <paramref name="sizeBytes"/> random bytes in <paramref name="directory"/>
    /// (random, so that no file system can compress, deduplicate or skip it), flushes it to the disk and drops its
    /// pages from the page cache. The file has no name from the moment it exists.</summary>
    public static DiskTarget CreateTemporary(string directory, long sizeBytes, CancellationToken cancellation)
    {
        string shown = DisplayText.Escape(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new AiTuneException($"disk: the scratch directory {shown} does not exist", "create it, or choose a scratch directory on the disk to measure");
        }

        // Room for the file and a margin, so that the benchmark never fills a disk other programs write to. A file
        // system that counts no blocks at all (ramfs) reports 0 free and 0 total: there is nothing to check.
        const long Margin = 256L << 20;
        var space = FileSystemSpace.Of(directory)
            ?? throw new AiTuneException($"disk: cannot read the free space of {shown}", "choose a scratch directory on a local file system");
        long free = space.AvailableBytes;
        if (space.TotalBytes > 0 && free < sizeBytes + Margin)
        {
            throw new AiTuneException(
                $"disk: {shown} has {ByteSize.Format(free)} free, not enough for the {ByteSize.Format(sizeBytes)} test file and a {ByteSize.Format(Margin)} margin",
                "free space there, choose a scratch directory on another disk, or give --disk-path an existing file to read");
        }

        string path = Path.Combine(directory, $"aitune-disk-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        int writer = Posix.Open(path, Posix.OWrOnly | Posix.OCreat | Posix.OExcl | Posix.ONoFollow | Posix.OCloExec, 0b110_000_000);
        if (writer < 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"disk: cannot create a test file in {shown}: {Posix.Describe(errno)}",
                "choose a scratch directory this user can write, on the disk to measure");
        }

        Posix.UnlinkAt(Posix.AtFdCwd, path, 0);
        try
        {
            Fill(writer, sizeBytes, shown, cancellation);
            if (Posix.Fdatasync(writer) != 0)
            {
                int errno = Posix.LastError;
                throw new AiTuneException($"disk: flushing the test file in {shown} failed: {Posix.Describe(errno)}", "check the disk (dmesg) or choose another scratch directory");
            }

            var (fd, direct) = OpenForReading($"/proc/self/fd/{writer}", shown);
            var target = new DiskTarget(fd, sizeBytes, direct, $"a temporary {ByteSize.Format(sizeBytes)} file in {shown}", FileSystemOf(directory), directory);
            // Only buffered reads need it, and those check again before every pass.
            _ = target.DropCachedPages();
            return target;
        }
        finally
        {
            Posix.Close(writer);
        }
    }

    /// <summary>Asks the kernel to drop the file's clean pages from the page cache (fio's invalidate=1); false when
    /// it refused.</summary>
    public bool DropCachedPages() => Posix.PosixFadvise(Descriptor, 0, 0, Posix.FadvDontNeed) == 0;

    public void Dispose()
    {
        if (descriptor >= 0)
        {
            Posix.Close(descriptor);
            descriptor = -1;
        }
    }

    /// <summary>Opens read-only with O_DIRECT, or without it when the file system refuses O_DIRECT (EINVAL).</summary>
    private static (int Descriptor, bool Direct) OpenForReading(string path, string shown)
    {
        int fd = Posix.Open(path, Posix.ORdOnly | Posix.OCloExec | Posix.ODirect);
        if (fd >= 0)
        {
            return (fd, true);
        }

        int errno = Posix.LastError;
        if (errno == Posix.EINVAL)
        {
            fd = Posix.Open(path, Posix.ORdOnly | Posix.OCloExec);
            if (fd >= 0)
            {
                return (fd, false);
            }

            errno = Posix.LastError;
        }

        throw new AiTuneException($"disk: cannot open {shown} for reading: {Posix.Describe(errno)}", errno == Posix.EPERM
            ? "a security policy refuses it (a container's device rules, SELinux, AppArmor): give --disk-path a file on that device instead"
            : "give --disk-path a file or block device this user can read, or run as root");
    }

    private static unsafe void Fill(int fd, long sizeBytes, string shown, CancellationToken cancellation)
    {
        var chunk = new byte[1 << 20];
        fixed (byte* start = chunk)
        {
            for (long written = 0; written < sizeBytes;)
            {
                cancellation.ThrowIfCancellationRequested();
                int length = (int)Math.Min(chunk.Length, sizeBytes - written);
                Random.Shared.NextBytes(chunk.AsSpan(0, length));
                for (int done = 0; done < length;)
                {
                    nint n = Posix.Write(fd, start + done, (nuint)(length - done));
                    if (n < 0)
                    {
                        int errno = Posix.LastError;
                        if (errno == Posix.EINTR)
                        {
                            continue;
                        }

                        throw new AiTuneException($"disk: writing the test file in {shown} failed: {Posix.Describe(errno)}",
                            errno == Posix.ENOSPC ? "free space there or choose another scratch directory" : "check the disk (dmesg) or choose another scratch directory");
                    }

                    done += (int)n;
                }

                written += length;
            }
        }
    }

    private static string FileSystemOf(string directory)
    {
        try
        {
            return new DriveInfo(directory).DriveFormat;
        }
        catch (IOException)
        {
            return "an unknown file system";
        }
        catch (UnauthorizedAccessException)
        {
            return "an unknown file system";
        }
    }

    private static string Kind(int type) => type switch
    {
        Posix.TypeDirectory => "a directory",
        Posix.TypeFifo => "a FIFO",
        Posix.TypeSocket => "a socket",
        Posix.TypeCharDevice => "a character device",
        Posix.TypeSymlink => "a link",
        < 0 => $"unreadable ({Posix.Describe(-type)})",
        _ => $"of file type 0{Convert.ToString(type, 8)}",
    };
}
