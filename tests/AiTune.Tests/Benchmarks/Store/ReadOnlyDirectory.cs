using System.Diagnostics;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Benchmarks.Store;

/// <summary>Makes a directory unwritable until disposed, even for root: as root a read-only bind mount of it onto
/// itself (root ignores file modes), otherwise its mode and its files' modes without write permission.</summary>
internal sealed class ReadOnlyDirectory : IDisposable
{
    private readonly string path;

    public ReadOnlyDirectory(string path)
    {
        this.path = path;
        if (DurableFiles.IsRoot)
        {
            Run("mount", "--bind", path, path);
            Run("mount", "-o", "remount,ro,bind", path, path);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(path))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        if (DurableFiles.IsRoot)
        {
            TestMounts.Detach(path);
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(path))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
