using System.Diagnostics;
using System.Globalization;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Support;

/// <summary>
/// A tmpfs of a few MiB mounted in a fresh directory, to fill a file system for real without touching this machine's
/// disks: unmounted and removed on dispose. Mounting needs root, which CI has; elsewhere <see cref="Possible"/> is
/// false and the tests that need it check what they can without it.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    public SmallTmpfs(long sizeBytes)
    {
        Path = Directory.CreateTempSubdirectory("aitune-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes.ToString(CultureInfo.InvariantCulture) + ",mode=0755", "aitune-test", Path);
    }

    public static bool Possible => DurableFiles.IsRoot;

    public string Path { get; }

    /// <summary>The file names in the mount, hidden ones included.</summary>
    public IReadOnlyList<string> Entries => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public string File(string name) => System.IO.Path.Join(Path, name);

    public void Dispose()
    {
        TestMounts.Detach(Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)}: {error}");
        }
    }
}
