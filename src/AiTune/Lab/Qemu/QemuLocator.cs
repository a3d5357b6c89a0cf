using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AiTune.Lab.Qemu;

/// <summary>Finds the QEMU system emulator on PATH and checks that it is new enough for the lab's command line.</summary>
public static partial class QemuLocator
{
    /// <summary>The oldest QEMU whose options the lab's command line uses: <c>-nic none</c> came in 2.12, the
    /// youngest of them (<c>-accel tcg,thread=</c> 2.9, <c>-icount …,align=</c> 2.2, virtio-serial, <c>-chardev file</c>
    /// and q35 older still). Tested on 7.2.</summary>
    public static readonly Version MinimumVersion = new(2, 12);

    /// <summary>The emulator for <paramref name="target"/>, found on <paramref name="searchPath"/> (PATH when null),
    /// with its version; an error with the install hint when it is missing, does not run, or is too old.</summary>
    public static QemuBinary Find(QemuTarget target, string? searchPath = null)
    {
        string name = QemuTargets.ExecutableName(target);
        string install = $"install it (Debian/Ubuntu: apt-get install --no-install-recommends {QemuTargets.DebianPackage(target)})";
        string path = FindOnPath(name, searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            ?? throw new AiTuneException($"{name} is not on PATH: the kernel lab boots kernels in QEMU", install);
        string output = RunVersion(path, name, install);
        var version = ParseVersion(output)
            ?? throw new AiTuneException($"{path} --version did not print a QEMU version: {FirstLine(output)}", install);
        if (version < MinimumVersion)
        {
            throw new AiTuneException($"{path} is QEMU {version}; the lab needs {MinimumVersion} or newer", install);
        }

        return new QemuBinary(path, version, target);
    }

    /// <summary>The first executable file called <paramref name="name"/> in the colon-separated
    /// <paramref name="searchPath"/> (empty entries and relative directories are skipped: aitune runs as root).</summary>
    public static string? FindOnPath(string name, string searchPath)
    {
        foreach (string directory in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathRooted(directory))
            {
                continue;
            }

            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The version in the first line of <c>qemu-system-* --version</c>: "QEMU emulator version 7.2.22
    /// (Debian 1:7.2+dfsg-7+deb12u18+b3)" → 7.2.22; null when there is none.</summary>
    public static Version? ParseVersion(string versionOutput)
    {
        var match = VersionPattern().Match(versionOutput);
        if (!match.Success)
        {
            return null;
        }

        int major = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        int minor = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        return match.Groups[3].Success
            ? new Version(major, minor, int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture))
            : new Version(major, minor);
    }

    private static string RunVersion(string path, string name, string install)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--version");
        try
        {
            using var process = Process.Start(start) ?? throw new AiTuneException($"{path} could not be started", install);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                throw new AiTuneException($"{path} --version did not answer in 30 s", install);
            }

            return process.ExitCode == 0
                ? output.Result
                : throw new AiTuneException($"{path} --version failed with exit code {process.ExitCode}: {FirstLine(error.Result)}", install);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AiTuneException($"{name} at {path} could not be started: {e.Message}", install, e);
        }
    }

    /// <summary>The first line QEMU printed that says anything, escaped and cut for an error message.</summary>
    internal static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return Text.DisplayText.Excerpt(line, 200);
    }

    [GeneratedRegex(@"QEMU emulator version (\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
