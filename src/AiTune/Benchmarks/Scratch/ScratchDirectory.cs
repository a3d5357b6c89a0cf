using AiTune.Files;
using AiTune.Interop;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Benchmarks.Scratch;

/// <summary>
/// A private directory (mode 0700, a random name made with mkdir, which fails on anything already there, a planted
/// link included) for a benchmark's temporary files, removed with everything in it on Dispose. aitune runs as root
/// and the default parent, /var/tmp, is world-writable: a predictable file name there would let another user point
/// a link at /etc/shadow and have root overwrite it.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private ScratchDirectory(string path, string parent, bool inMemory)
    {
        Path = path;
        Parent = parent;
        InMemory = inMemory;
    }

    public string Path { get; }

    /// <summary>The directory the user gave (or /var/tmp).</summary>
    public string Parent { get; }

    /// <summary>See <see cref="FileSystemSpace.InMemory"/>.</summary>
    public bool InMemory { get; }

    /// <summary>Creates the directory inside <paramref name="parent"/>, after checking that it has room for
    /// <paramref name="neededBytes"/> more (plus 5 % of the filesystem, so a benchmark never fills a disk).</summary>
    public static ScratchDirectory Create(string parent, long neededBytes)
    {
        string shown = DisplayText.Escape(parent);
        string full = System.IO.Path.GetFullPath(parent);
        if (!Directory.Exists(full))
        {
            throw new AiTuneException($"the scratch directory {shown} does not exist", "give an existing directory on the disk to measure with --scratch-dir");
        }

        var space = FileSystemSpace.Of(full)
            ?? throw new AiTuneException($"cannot read the free space of {shown}", "give a directory on a local filesystem with --scratch-dir");
        long reserve = space.TotalBytes / 20;
        if (space.AvailableBytes - reserve < neededBytes)
        {
            throw new AiTuneException(
                $"{shown} has {ByteSize.Format(space.AvailableBytes)} free; the benchmark needs {ByteSize.Format(neededBytes)} and leaves 5 % of the filesystem free",
                "free space, give another directory with --scratch-dir, or measure a smaller model (--synthetic 512MiB)");
        }

        string path = System.IO.Path.Combine(full, "aitune-bench-" + Interop.Posix.RandomHex(8));
        if (Posix.MkdirAt(Posix.AtFdCwd, path, 0x1C0) != 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"cannot create a scratch directory in {shown}: {Posix.Describe(errno)}",
                "give a directory you may write to with --scratch-dir");
        }

        return new ScratchDirectory(path, full, space.InMemory);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
