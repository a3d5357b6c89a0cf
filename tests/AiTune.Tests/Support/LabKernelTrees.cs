using System.Diagnostics;

namespace AiTune.Tests.Support;

/// <summary>
/// Module trees of the real Debian kernels the lab tests use (<see cref="LabKernels"/>: fetched once when missing),
/// extracted once per test class with dpkg-deb: only drivers/virtio, drivers/char, the
/// modules.* index files and the 6.12 kernel image, which keeps it to seconds. dpkg-deb rather than aitune's own
/// package reader on purpose: the module tree and image tests then do not rest on the code the package tests check.
/// </summary>
public sealed class LabKernelTrees : IDisposable
{
    public const string Release61 = "6.1.0-57-amd64";
    public const string Release612 = "6.12.118+deb12-amd64";

    private readonly string root = Directory.CreateTempSubdirectory("aitune-lab-kernels-").FullName;

    public LabKernelTrees()
    {
        try
        {
            Extract(LabKernels.Generic61, Path.Join(root, "6.1"));
            Extract(LabKernels.Generic612, Path.Join(root, "6.12"));
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw: the half-extracted tree goes here.
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>lib/modules/6.1.0-57-amd64 of Debian's generic 6.1 kernel (plain .ko, no modules.dep).</summary>
    public string Modules61 => Path.Join(root, "6.1", "lib", "modules", Release61);

    /// <summary>lib/modules/6.12.118+deb12-amd64 (.ko.xz; virtio_pci and virtio_console built in).</summary>
    public string Modules612 => Path.Join(root, "6.12", "lib", "modules", Release612);

    public string Kernel612 => Path.Join(root, "6.12", "boot", "vmlinuz-" + Release612);

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Runs <paramref name="command"/> with bash; its standard output, or an exception with its errors.</summary>
    public static string Run(string command, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"'{command}' exited {process.ExitCode}: {errors.Result}");
    }

    private static void Extract(string package, string into)
    {
        Directory.CreateDirectory(into);
        Run($"dpkg-deb --fsys-tarfile '{LabKernels.Package(package)}' | tar -x -C '{into}' --wildcards " +
            "'./lib/modules/*/kernel/drivers/virtio/*' './lib/modules/*/kernel/drivers/char/*' './lib/modules/*/modules.*' './boot/vmlinuz-*'");
    }
}
