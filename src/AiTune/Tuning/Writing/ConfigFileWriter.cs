using System.Text;
using System.Text.RegularExpressions;
using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>
/// Creates, replaces and removes the configuration files aitune owns, the ones that make tuning survive a reboot:
/// its sysctl.d file, udev rule, tmpfiles.d entry and GRUB drop-in, under a root directory ("/" on the host).
/// Replacement is atomic and durable: a temporary file in the same directory, written, synced, renamed over the
/// target, then the directory synced, so a crash leaves the old file or the new one, never half of one. No link is
/// followed anywhere below the root: every directory is opened with O_NOFOLLOW from the root down, and a link at the
/// target is refused, because /etc/sysctl.d/99-aitune.conf pointing at /etc/shadow must not get root's content.
/// A crash between create and rename leaves a ".NAME.HEX.aitune-tmp" file behind; its name ends in none of the
/// suffixes systemd-sysctl (.conf), udev (.rules) or GRUB (.cfg) read, so it is inert.
/// </summary>
public static partial class ConfigFileWriter
{
    /// <summary>Configuration files are small; the bound keeps a runaway generator from filling /etc.</summary>
    public const int MaxContentBytes = 1 << 20;

    private const uint DirectoryMode = 0x1ED; // 0755
    private const uint FileMode = 0x1A4; // 0644

    /// <summary>Whether <paramref name="hostPath"/> is one of aitune's own files: /etc/sysctl.d/NN-aitune.conf,
    /// /etc/udev/rules.d/NN-aitune.rules, /etc/tmpfiles.d/aitune.conf or /etc/default/grub.d/NN-aitune.cfg.</summary>
    public static bool IsAllowed(string hostPath) => OwnFile().IsMatch(hostPath);

    /// <summary>Creates or atomically replaces the file with <paramref name="content"/> (mode 0644, owned by root
    /// when aitune runs as root). The directory holding it is created (0755) if missing; the directories above it
    /// must exist.</summary>
    /// <exception cref="AiTuneException">The path is not one of aitune's files, the content has a control character
    /// other than a newline, a link or a non-regular file stands where a directory or the file should be, or the
    /// file system refused.</exception>
    public static void Write(string rootDirectory, string hostPath, string content)
    {
        RequireOwnFile(hostPath);
        byte[] bytes = ValidateContent(hostPath, content);
        int directory = OpenParent(rootDirectory, hostPath, create: true);
        try
        {
            string name = Path.GetFileName(hostPath);
            RequireRegularOrAbsent(directory, name, hostPath);
            string temporary = $".{name}.{Interop.Posix.RandomHex(8)}.aitune-tmp";
            int fd = Posix.OpenAt(directory, temporary, Posix.OWrOnly | Posix.OCreat | Posix.OExcl | Posix.ONoFollow | Posix.OCloExec, FileMode);
            Check(fd, "create a temporary file for", hostPath);
            try
            {
                WriteFile(fd, bytes, hostPath);
            }
            catch
            {
                Posix.UnlinkAt(directory, temporary, 0);
                throw;
            }

            // The check above and the rename are not one step, but only root can change /etc between them; the check
            // is there to refuse a link planted before we started, which rename would silently replace.
            RequireRegularOrAbsent(directory, name, hostPath);
            if (Posix.RenameAt(directory, temporary, directory, name) != 0)
            {
                int errno = Posix.LastError;
                Posix.UnlinkAt(directory, temporary, 0);
                Fail(errno, "rename the temporary file over", hostPath);
            }

            Check(Posix.Fsync(directory), "sync the directory of", hostPath);
        }
        finally
        {
            Posix.Close(directory);
        }
    }

    /// <summary>Removes the file; false when it (or its directory) does not exist.</summary>
    /// <exception cref="AiTuneException">The path is not one of aitune's files, or a link or a non-regular file
    /// stands at it (something aitune did not write: left for a person to look at).</exception>
    public static bool Remove(string rootDirectory, string hostPath)
    {
        RequireOwnFile(hostPath);
        int directory = OpenParent(rootDirectory, hostPath, create: false);
        if (directory < 0)
        {
            return false;
        }

        try
        {
            string name = Path.GetFileName(hostPath);
            if (!RequireRegularOrAbsent(directory, name, hostPath))
            {
                return false;
            }

            if (Posix.UnlinkAt(directory, name, 0) != 0)
            {
                int errno = Posix.LastError;
                if (errno == Posix.ENOENT)
                {
                    return false;
                }

                Fail(errno, "remove", hostPath);
            }

            Check(Posix.Fsync(directory), "sync the directory of", hostPath);
            return true;
        }
        finally
        {
            Posix.Close(directory);
        }
    }

    /// <summary>Whether the directory that holds <paramref name="hostPath"/> exists, would be created by
    /// <see cref="Write"/>, or cannot be (the directory above it is missing: the host lacks udev, GRUB …).</summary>
    /// <exception cref="AiTuneException">As for <see cref="Remove"/>, for the directories on the way.</exception>
    public static DropInDirectory Probe(string rootDirectory, string hostPath)
    {
        RequireOwnFile(hostPath);
        int directory = OpenParent(rootDirectory, hostPath, create: false);
        if (directory >= 0)
        {
            Posix.Close(directory);
            return DropInDirectory.Present;
        }

        int above = OpenParent(rootDirectory, Path.GetDirectoryName(hostPath)!, create: false);
        if (above < 0)
        {
            return DropInDirectory.Unavailable;
        }

        Posix.Close(above);
        return DropInDirectory.Created;
    }

    /// <summary>Removes the directory that holds <paramref name="hostPath"/> when it is empty: rollback undoes a
    /// directory <see cref="Write"/> created. False when it holds anything (someone else's file) or is gone.</summary>
    /// <exception cref="AiTuneException">As for <see cref="Remove"/>.</exception>
    public static bool RemoveDirectoryIfEmpty(string rootDirectory, string hostPath)
    {
        RequireOwnFile(hostPath);
        string directoryPath = Path.GetDirectoryName(hostPath)!;
        int above = OpenParent(rootDirectory, directoryPath, create: false);
        if (above < 0)
        {
            return false;
        }

        try
        {
            if (Posix.UnlinkAt(above, Path.GetFileName(directoryPath), Posix.AtRemoveDir) != 0)
            {
                int errno = Posix.LastError;
                if (errno is Posix.ENOENT or Posix.ENOTEMPTY or Posix.EEXIST)
                {
                    return false;
                }

                Fail(errno, "remove the directory of", hostPath);
            }

            Check(Posix.Fsync(above), "sync the directory above", hostPath);
            return true;
        }
        finally
        {
            Posix.Close(above);
        }
    }

    /// <summary>The file's content, or null when it (or its directory) does not exist: what rollback compares
    /// with what aitune wrote before removing or restoring it.</summary>
    /// <exception cref="AiTuneException">As for <see cref="Remove"/>, and for a file over <see cref="MaxContentBytes"/>.</exception>
    public static string? ReadExisting(string rootDirectory, string hostPath)
    {
        RequireOwnFile(hostPath);
        int directory = OpenParent(rootDirectory, hostPath, create: false);
        if (directory < 0)
        {
            return null;
        }

        try
        {
            string name = Path.GetFileName(hostPath);
            if (!RequireRegularOrAbsent(directory, name, hostPath))
            {
                return null;
            }

            // O_NONBLOCK: should a FIFO replace the file after the check, the open returns instead of waiting.
            int fd = Posix.OpenAt(directory, name, Posix.ORdOnly | Posix.ONoFollow | Posix.ONonBlock | Posix.OCloExec, 0);
            if (fd < 0 && Posix.LastError == Posix.ENOENT)
            {
                return null;
            }

            Check(fd, "open", hostPath);
            try
            {
                RequireRegular(Posix.FileType(fd), hostPath);
                return ReadFile(fd, hostPath);
            }
            finally
            {
                Posix.Close(fd);
            }
        }
        finally
        {
            Posix.Close(directory);
        }
    }

    private static void RequireOwnFile(string hostPath)
    {
        if (!IsAllowed(hostPath))
        {
            throw new AiTuneException($"refusing to touch {hostPath}: not one of aitune's configuration files",
                "aitune writes only /etc/sysctl.d/NN-aitune.conf, /etc/udev/rules.d/NN-aitune.rules, /etc/tmpfiles.d/aitune.conf and /etc/default/grub.d/NN-aitune.cfg");
        }
    }

    /// <summary>Only '\n' among control characters: a carriage return, a NUL or an escape sequence has no place in
    /// these formats and could hide a line from a person reading the file.</summary>
    private static byte[] ValidateContent(string hostPath, string content)
    {
        int index = IndexOfControlOtherThanNewline(content);
        if (index >= 0)
        {
            throw new AiTuneException(
                $"refusing to write {hostPath}: the content has a control character (U+{(int)content[index]:X4}) at position {index}",
                "configuration lines are printable text separated by newlines; fix the value that produced it");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(content);
        if (bytes.Length > MaxContentBytes)
        {
            throw new AiTuneException($"refusing to write {hostPath}: {bytes.Length} bytes, over {MaxContentBytes}",
                "aitune's configuration files are a few lines; this is a bug in whatever generated the content");
        }

        return bytes;
    }

    private static int IndexOfControlOtherThanNewline(string content)
    {
        for (int i = 0; i < content.Length; i++)
        {
            if (char.IsControl(content[i]) && content[i] != '\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Opens, for reading and fsync, the directory that holds the file, going down from the root one
    /// component at a time with O_NOFOLLOW, so no link below the root is followed. The last directory is created
    /// when <paramref name="create"/>; otherwise a missing directory gives -1.</summary>
    private static int OpenParent(string rootDirectory, string hostPath, bool create)
    {
        // Directories are opened for reading rather than O_PATH: a new directory's entry is made durable by an
        // fsync of the directory above it, and fsync needs a real descriptor.
        int current = Posix.Open(Path.GetFullPath(rootDirectory), Posix.ORdOnly | Posix.ODirectory | Posix.OCloExec);
        if (current < 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"cannot open the root directory {rootDirectory}: {Posix.Describe(errno)}",
                "give --root an existing directory (\"/\" for the live host)");
        }

        string[] directories = hostPath[1..].Split('/')[..^1];
        string walked = "";
        for (int i = 0; i < directories.Length; i++)
        {
            bool last = i == directories.Length - 1;
            string name = directories[i];
            walked += "/" + name;
            int next = Posix.OpenAt(current, name, Posix.ORdOnly | Posix.ODirectory | Posix.ONoFollow | Posix.OCloExec, 0);
            int errno = next < 0 ? Posix.LastError : 0;
            if (next < 0 && errno == Posix.ENOENT && last && create)
            {
                try
                {
                    next = CreateDirectory(current, name, walked, out errno);
                }
                catch
                {
                    Posix.Close(current);
                    throw;
                }
            }

            int parent = current;
            current = next;
            if (next < 0)
            {
                int type = Posix.FileTypeAt(parent, name);
                Posix.Close(parent);
                if (errno == Posix.ENOENT && !create)
                {
                    return -1;
                }

                throw errno == Posix.ENOENT
                    ? new AiTuneException($"cannot write {hostPath}: {walked} does not exist under {rootDirectory}",
                        "the host lacks the software that reads this file (systemd, udev, GRUB); there is nothing to configure")
                    : type == Posix.TypeSymlink
                    ? new AiTuneException($"refusing to write {hostPath}: {walked} is a symbolic link under {rootDirectory}",
                        "aitune follows no link when it writes its files; replace the link with a directory, or remove it")
                    : new AiTuneException($"cannot open {walked} under {rootDirectory}: {Posix.Describe(errno)}",
                        "check that it is a directory and that aitune runs as root");
            }

            Posix.Close(parent);
        }

        return current;
    }

    private static int CreateDirectory(int parent, string name, string hostPath, out int errno)
    {
        if (Posix.MkdirAt(parent, name, DirectoryMode) != 0 && Posix.LastError != Posix.EEXIST)
        {
            errno = Posix.LastError;
            return -1;
        }

        int fd = Posix.OpenAt(parent, name, Posix.ORdOnly | Posix.ODirectory | Posix.ONoFollow | Posix.OCloExec, 0);
        errno = fd < 0 ? Posix.LastError : 0;
        if (fd < 0)
        {
            return fd;
        }

        try
        {
            // mkdir's mode passes through the umask; the directory must be readable by systemd and udev whatever it is.
            Check(Posix.Fchmod(fd, DirectoryMode), "set the mode of", hostPath);
            if (DurableFiles.IsRoot)
            {
                Check(Posix.Fchown(fd, 0, 0), "give root ownership of", hostPath);
            }

            Check(Posix.Fsync(parent), "sync the directory above", hostPath);
            return fd;
        }
        catch
        {
            Posix.Close(fd);
            throw;
        }
    }

    /// <summary>True when a regular file is there, false when nothing is; throws for anything else.</summary>
    private static bool RequireRegularOrAbsent(int directory, string name, string hostPath)
    {
        int type = Posix.FileTypeAt(directory, name);
        if (type == -Posix.ENOENT)
        {
            return false;
        }

        RequireRegular(type, hostPath);
        return true;
    }

    private static void RequireRegular(int type, string hostPath)
    {
        if (type < 0)
        {
            Fail(-type, "examine", hostPath);
        }

        if (type != Posix.TypeRegular)
        {
            string kind = type switch
            {
                Posix.TypeSymlink => "a symbolic link",
                Posix.TypeDirectory => "a directory",
                _ => "a FIFO, socket or device",
            };
            throw new AiTuneException($"refusing to touch {hostPath}: it is {kind}, not a file aitune wrote",
                "look at what stands there and remove it yourself if it is not needed");
        }
    }

    private static unsafe void WriteFile(int fd, byte[] bytes, string hostPath)
    {
        try
        {
            fixed (byte* p = bytes)
            {
                int done = 0;
                while (done < bytes.Length)
                {
                    nint written = Posix.Write(fd, p + done, (nuint)(bytes.Length - done));
                    Check(written < 0 ? -1 : 0, "write", hostPath);
                    done += (int)written;
                }
            }

            // O_CREAT's mode passes through the umask; 0644 is what systemd-sysctl and udev expect to read.
            Check(Posix.Fchmod(fd, FileMode), "set the mode of", hostPath);
            if (DurableFiles.IsRoot)
            {
                Check(Posix.Fchown(fd, 0, 0), "give root ownership of", hostPath);
            }

            Check(Posix.Fsync(fd), "sync", hostPath);
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    private static unsafe string ReadFile(int fd, string hostPath)
    {
        var buffer = new byte[MaxContentBytes + 1];
        int total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                nint read = Posix.Read(fd, p + total, (nuint)(buffer.Length - total));
                Check(read < 0 ? -1 : 0, "read", hostPath);
                if (read == 0)
                {
                    break;
                }

                total += (int)read;
            }
        }

        if (total > MaxContentBytes)
        {
            throw new AiTuneException($"{hostPath} is larger than {MaxContentBytes} bytes: not a file aitune wrote",
                "look at the file and remove it yourself if it is not needed");
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static void Check(int result, string action, string hostPath)
    {
        if (result < 0)
        {
            Fail(Posix.LastError, action, hostPath);
        }
    }

    private static void Fail(int errno, string action, string hostPath) =>
        throw new AiTuneException($"cannot {action} {hostPath}: {Posix.Describe(errno)}",
            errno is Posix.EACCES or Posix.EPERM ? "run aitune as root" : errno == Posix.EROFS ? "the file system is mounted read-only" : "check the file system (free space, dmesg) and try again");

    [GeneratedRegex(@"^/etc/(sysctl\.d/[0-9]{2}-aitune\.conf|udev/rules\.d/[0-9]{2}-aitune\.rules|tmpfiles\.d/aitune\.conf|default/grub\.d/[0-9]{2}-aitune\.cfg)\z", RegexOptions.CultureInvariant)]
    private static partial Regex OwnFile();
}
