using AiTune.Interop;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Files;

/// <summary>
/// A file that appears whole or not at all: written under a temporary name in its own directory (created with
/// O_EXCL, so nothing planted there is followed or reused), synced, then renamed into place. Until
/// <see cref="Commit"/> the final name is untouched; disposing without a commit (a failure, a full disk, Ctrl-C)
/// removes the temporary file. An existing file is replaced only when asked, and then atomically: a reader sees the
/// old file or the new one, never a mix.
/// </summary>
public sealed class OutputFile : IDisposable
{
    /// <summary>The temporary file's suffix, so a file left by a killed process (SIGKILL, power cut) is recognisable.</summary>
    public const string TemporarySuffix = ".aitune-tmp";

    private const long OneGiB = 1L << 30;

    private readonly bool replace;
    private FileStream? stream;
    private bool committed;

    private OutputFile(string path, string directory, string temporary, FileStream stream, bool replace)
    {
        Path = path;
        Directory = directory;
        TemporaryPath = temporary;
        this.stream = stream;
        this.replace = replace;
    }

    /// <summary>The final path, as given.</summary>
    public string Path { get; }

    /// <summary>The directory that holds the file and, while it is written, the temporary file.</summary>
    public string Directory { get; }

    /// <summary>Where the content is written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>The temporary file's stream; write here, then <see cref="Commit"/>.</summary>
    public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(OutputFile));

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> and renames it into place. Every failure to
    /// write is an <see cref="AiTuneException"/> saying why (permission denied, no space left …) and leaves no file
    /// behind; cancellation ends it the same way with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="expectedBytes">The file's size when known beforehand: checked against the free space first.</param>
    /// <param name="replace">Replace an existing file (--force); otherwise an existing file is an error.</param>
    public static T Write<T>(string path, long? expectedBytes, bool replace, Func<Stream, T> write, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            using var file = Create(path, expectedBytes, replace);
            var result = write(file.Stream);
            cancellation.ThrowIfCancellationRequested();
            file.Commit();
            return result;
        }
        catch (Exception e) when (FileErrors.IsFileError(e))
        {
            throw FileErrors.Writing(path, e);
        }
    }

    /// <summary>Checks the target and the free space, and opens the temporary file. Throws <see cref="AiTuneException"/>
    /// for what the user can fix, and the framework's I/O exceptions for the rest (see <see cref="Write{T}"/>).</summary>
    public static OutputFile Create(string path, long? expectedBytes, bool replace)
    {
        var (_, name, directory) = RequireWritable(path, replace);
        if (expectedBytes is { } needed)
        {
            RequireSpace(directory, needed, DisplayText.FilePath(path));
        }

        // The temporary name is hidden, random, and keeps (a prefix of) the final name so a leftover is recognisable.
        string prefix = name.Length > 160 ? name[..160] : name;
        string temporary = System.IO.Path.Join(directory, $".{prefix}.{Interop.Posix.RandomHex(6)}{TemporarySuffix}");
        var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            // The final mode (the umask applies): the file is renamed, never copied, so it keeps this.
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
        });
        return new OutputFile(path, directory, temporary, stream, replace);
    }

    /// <summary>
    /// What can be known before anything is written: the path names a file (not a directory) in a directory that
    /// exists, and nothing is there unless <paramref name="replace"/>. Commands call it before long work, so a
    /// capture or a measurement is not thrown away at the end for a name that was taken from the start.
    /// </summary>
    public static (string FullPath, string Name, string Directory) RequireWritable(string path, bool replace)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string shown = DisplayText.FilePath(path);
        string full = System.IO.Path.GetFullPath(path);
        string name = System.IO.Path.GetFileName(full);
        string directory = System.IO.Path.GetDirectoryName(full) ?? "/";
        if (name.Length == 0 || System.IO.Directory.Exists(full))
        {
            throw new AiTuneException($"{shown} is a directory", "give the path of a file to write");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new AiTuneException($"cannot write {shown}: the directory {DisplayText.FilePath(directory)} does not exist", "create the directory first, or choose another path");
        }

        // A dangling link counts as existing: the rename would replace the link, which the user named.
        if (!replace && LinuxFileStatus.LstatType(full) >= 0)
        {
            throw new AiTuneException($"{shown} already exists", "aitune does not overwrite files: give a new name, or add --force to replace it");
        }

        return (full, name, directory);
    }

    /// <summary>Syncs the content, renames it into place (over an existing file only when replacing was asked), and
    /// syncs the directory so the new name survives a power cut.</summary>
    public void Commit()
    {
        var open = stream ?? throw new ObjectDisposedException(nameof(OutputFile));
        open.Flush(flushToDisk: true);
        open.Dispose();
        stream = null;

        // Without --force, File.Move refuses an existing target atomically (link(2), then unlink of the old name):
        // a file that appeared since Create is not replaced either.
        File.Move(TemporaryPath, System.IO.Path.GetFullPath(Path), overwrite: replace);
        committed = true;
        SyncDirectory(Directory);
    }

    public void Dispose()
    {
        if (stream is not null)
        {
            try
            {
                stream.Dispose();
            }
            catch (Exception e) when (FileErrors.IsFileError(e))
            {
                // Flushing the last buffer of a file that is being thrown away failed (a full disk): irrelevant.
            }

            stream = null;
        }

        if (!committed)
        {
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (Exception e) when (FileErrors.IsFileError(e))
            {
                // Nothing more can be done; the name ends in TemporarySuffix, so the leftover is recognisable.
            }
        }
    }

    /// <summary>
    /// Refuses a write that would not fit, or that would leave the file system all but full (a full root file system
    /// stops logging, package updates and the journal of the very tuning aitune does): the file must fit in the space
    /// an unprivileged writer has, less a reserve of 5 % of the file system (at most 1 GiB). A file being replaced
    /// keeps its space until the rename, so statfs rightly does not count it as free.
    /// </summary>
    public static void RequireSpace(string directory, long neededBytes, string shownPath)
    {
        var space = FileSystemSpace.Of(directory);
        if (space is null)
        {
            return; // statfs failed (an unusual file system): the write itself will say what is wrong.
        }

        long reserve = Math.Min(space.TotalBytes / 20, OneGiB);
        if (space.AvailableBytes - reserve < neededBytes)
        {
            string free = ByteSize.Format(Math.Max(space.AvailableBytes, 0));
            throw new AiTuneException(
                $"cannot write {shownPath}: it needs {ByteSize.Format(neededBytes)} and {DisplayText.FilePath(directory)} has {free} free" +
                (reserve > 0 ? $" (aitune leaves {ByteSize.Format(reserve)} of the file system free)" : ""),
                "free space on that file system, write to another one, or write a smaller file");
        }
    }

    /// <summary>fsync of the directory, so the rename is durable. Best effort, unlike the journal's: the file is
    /// complete and in place either way, and some file systems refuse fsync on a directory.</summary>
    private static void SyncDirectory(string directory)
    {
        try
        {
            DirectorySync.Fsync(directory);
        }
        catch (AiTuneException)
        {
            // Not durable across a power cut on this file system, but written: nothing for the user to do.
        }
    }
}
