using System.Globalization;
using AiTune.Interop;

namespace AiTune.Lab.Qemu;

/// <summary>The one temporary directory of a lab run (mode 0700, under the system's temp directory): the initramfs,
/// the console logs and the results files of its guests. Whoever creates it owns it; disposing removes it with
/// everything in it, also after Ctrl-C. A run killed with SIGKILL cannot clean up, so each directory names its owner
/// (PID and start time) and the next lab run removes those whose owner is gone.</summary>
public sealed class LabWorkDirectory : IDisposable
{
    private const string Prefix = "aitune-lab-";

    /// <summary>"PID STARTTIME" of the process that made the directory.</summary>
    private const string OwnerFile = ".owner";

    private LabWorkDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new empty directory "aitune-lab-XXXXXX" under <paramref name="parent"/> (the system's temp
    /// directory when null), after removing the directories of lab runs that died there.</summary>
    public static LabWorkDirectory Create(string? parent = null)
    {
        string root = parent ?? System.IO.Path.GetTempPath();
        RemoveAbandoned(root);
        var directory = parent is null
            ? Directory.CreateTempSubdirectory(Prefix)
            : Directory.CreateDirectory(System.IO.Path.Combine(parent, Prefix + Guid.NewGuid().ToString("N")[..12]));
        System.IO.File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        System.IO.File.WriteAllText(System.IO.Path.Combine(directory.FullName, OwnerFile), Owner(Environment.ProcessId) ?? "");
        return new LabWorkDirectory(directory.FullName);
    }

    /// <summary>Removes the lab work directories under <paramref name="parent"/> whose owner process has exited: only
    /// real directories (not links) owned by this user that carry an owner file, so nothing another user planted in a
    /// shared /tmp is touched. Returns how many were removed.</summary>
    public static int RemoveAbandoned(string parent)
    {
        int removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, Prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        uint me = LinuxFileStatus.EffectiveUserId();
        foreach (string candidate in candidates)
        {
            try
            {
                if (LinuxFileStatus.LstatTypeAndOwner(candidate) is not (LinuxFileStatus.TypeDirectory, var owner) || owner != me)
                {
                    continue;
                }

                string ownerFile = System.IO.Path.Combine(candidate, OwnerFile);
                if (LinuxFileStatus.LstatType(ownerFile) != LinuxFileStatus.TypeRegular || new FileInfo(ownerFile).Length > 64)
                {
                    continue;
                }

                string recorded = System.IO.File.ReadAllText(ownerFile).Trim();
                var fields = recorded.Split(' ');
                if (fields.Length != 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || Owner(pid) == recorded)
                {
                    continue; // not a lab's record, or its process still runs
                }

                Directory.Delete(candidate, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another lab run removing it at the same time, or a file it cannot read: leave it.
            }
        }

        return removed;
    }

    /// <summary>A path for a file called <paramref name="name"/> inside the directory (a plain name, no separators).</summary>
    public string File(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or ".." or OwnerFile)
        {
            throw new ArgumentException($"'{name}' is not a plain file name", nameof(name));
        }

        return System.IO.Path.Combine(Path, name);
    }

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

    /// <summary>"PID STARTTIME" of a running process (its start in clock ticks after boot, field 22 of
    /// /proc/PID/stat, so a PID reused by another process does not count); null when it is not running.</summary>
    private static string? Owner(int pid)
    {
        try
        {
            string stat = System.IO.File.ReadAllText($"/proc/{pid}/stat");
            var after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return after.Length > 19 ? $"{pid} {after[19]}" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
