namespace AiTune.Lab.Qemu;

/// <summary>The one temporary directory of a lab run (mode 0700, under the system's temp directory): the initramfs,
/// the console logs and the results files of its guests. Whoever creates it owns it; disposing removes it with
/// everything in it, also after Ctrl-C.</summary>
public sealed class LabWorkDirectory : IDisposable
{
    private LabWorkDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new empty directory "aitune-lab-XXXXXX" under <paramref name="parent"/> (the system's temp
    /// directory when null).</summary>
    public static LabWorkDirectory Create(string? parent = null)
    {
        string prefix = "aitune-lab-";
        var directory = parent is null
            ? Directory.CreateTempSubdirectory(prefix)
            : Directory.CreateDirectory(System.IO.Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..12]));
        System.IO.File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new LabWorkDirectory(directory.FullName);
    }

    /// <summary>A path for a file called <paramref name="name"/> inside the directory (a plain name, no separators).</summary>
    public string File(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
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
}
