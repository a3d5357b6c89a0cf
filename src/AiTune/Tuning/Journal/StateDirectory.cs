using AiTune.Files;
using AiTune.Interop;

namespace AiTune.Tuning.Journal;

/// <summary>
/// aitune's state: the journal of the applied profile and the history of finished ones. Default
/// /var/lib/aitune (under a --root tree: inside it), 0700 and owned by root, because the journal decides what
/// gets written into the kernel at the next rollback. A lock file serialises aitune processes: two applies at
/// once would interleave their journals.
/// </summary>
public sealed class StateDirectory
{
    public const string DefaultHostPath = StateLocation.DefaultHostPath;

    public StateDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The default state directory of a host whose root is <paramref name="rootDirectory"/>.</summary>
    public static StateDirectory For(string rootDirectory) =>
        new(System.IO.Path.Join(rootDirectory, DefaultHostPath));

    public string Path { get; }

    public string JournalPath => System.IO.Path.Join(Path, "journal");

    public string HistoryPath => System.IO.Path.Join(Path, "history");

    /// <summary>The lock file apply, rollback and recovery hold while they run.</summary>
    public string LockPath => System.IO.Path.Join(Path, "lock");

    /// <summary>Creates the directory (0700) or checks an existing one: not a link, not writable by others,
    /// owned by us.</summary>
    public void EnsureSecure()
    {
        var info = new DirectoryInfo(Path);
        if (info.Exists || info.LinkTarget is not null)
        {
            Check(info);
            return;
        }

        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Takes the exclusive lock, an explicit flock(2) on the lock file (not .NET's FileShare emulation,
    /// which the binary turns off); fails at once if another aitune holds it. Closing the file releases it, and so
    /// does the process ending, however it ends.</summary>
    public IDisposable Lock()
    {
        EnsureSecure();
        FileStream? file = null;
        try
        {
            file = new FileStream(LockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            if (Posix.Flock((int)file.SafeFileHandle.DangerousGetHandle(), Posix.LockExclusive | Posix.LockNonBlocking) != 0)
            {
                throw new IOException(Posix.Describe(Posix.LastError));
            }

            return file;
        }
        catch (IOException)
        {
            file?.Dispose();
            throw new AiTuneException($"another aitune is applying or rolling back on this host (lock {LockPath} is held)",
                "wait for it to finish; if none is running, the lock is released automatically when its process ends");
        }
    }

    /// <summary>The journal, read and checked; null when aitune has no transaction on this host.</summary>
    public JournalFile? OpenJournal()
    {
        if (Directory.Exists(Path))
        {
            Check(new DirectoryInfo(Path), reading: true);
        }

        try
        {
            return JournalFile.Open(JournalPath);
        }
        catch (UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read aitune's journal in {Path} (it is readable by root only)",
                "run as root (sudo), or pass --state-dir; aitune serve under systemd reads it with contrib/systemd/aitune-serve.service.d/tuning-state.conf");
        }
    }

    /// <summary>Moves a finished journal into history/ (renamed atomically, so a crash leaves it in one place).</summary>
    public string Archive(JournalFile journal, string profile)
    {
        Directory.CreateDirectory(HistoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var target = System.IO.Path.Join(HistoryPath, $"{stamp}-{profile.Replace('+', '_')}.journal");
        File.Move(journal.Path, target);
        Files.DirectorySync.Fsync(Path);
        return target;
    }

    /// <summary>Removes a journal that holds no record (its only line, a begin, was cut off by a crash): no transaction
    /// ever started, so there is nothing to keep.</summary>
    public void Discard(JournalFile journal)
    {
        if (journal.Records.Count != 0)
        {
            throw new InvalidOperationException("only a journal without records is discarded; others are archived");
        }

        File.Delete(journal.Path);
        Files.DirectorySync.Fsync(Path);
    }

    /// <param name="reading">Only reading (the journal's state for verify, status and metrics): a directory of root's
    /// is trusted as well as one's own, since nobody less privileged can have planted it. That is what lets a
    /// service granted read access to root's files (aitune serve's tuning drop-in) report the applied profile.</param>
    private void Check(DirectoryInfo info, bool reading = false)
    {
        if (info.LinkTarget is not null)
        {
            throw new AiTuneException($"the state directory {Path} is a symbolic link", "aitune keeps its journal only in a real directory; remove the link or pass --state-dir");
        }

        var mode = info.UnixFileMode;
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new AiTuneException($"the state directory {Path} is writable by other users ({Convert.ToString((int)mode, 8)})",
                $"anyone who can write there decides what rollback writes into the kernel: chmod 700 {Path}");
        }

        var owner = Writing.DurableFiles.OwnerOf(Path);
        if (owner is { } uid && uid != Writing.DurableFiles.EffectiveUserId && !(reading && uid == 0))
        {
            throw new AiTuneException($"the state directory {Path} belongs to uid {uid}, not to uid {Writing.DurableFiles.EffectiveUserId}",
                $"chown it to the user running aitune (root), or pass --state-dir");
        }
    }
}
