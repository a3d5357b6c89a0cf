using System.Diagnostics;
using AiTune.Cli.Commands.Lab;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests.Support;

/// <summary>The NativeAOT aitune that lab guests boot as PID 1 (the tests' own process is the JIT host, which no
/// guest can run): $AITUNE_LAB_GUEST_BINARY (.ci/run publishes the binary before the tests and names it), else
/// published once into artifacts/lab-guest. Setting the variable for this process makes the in-process CLI use it.</summary>
public static class LabGuestBinary
{
    private static readonly Lazy<string> Published = new(Publish);

    public static string Path => Published.Value;

    private static string Publish()
    {
        if (Environment.GetEnvironmentVariable(LabRunCommand.GuestBinaryVariable) is { Length: > 0 } named && File.Exists(named))
        {
            return named;
        }

        var output = FixturePaths.Repository("artifacts/lab-guest");
        var start = new ProcessStartInfo("dotnet", ["publish", FixturePaths.Repository("src/AiTune.Cli"), "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var binary = System.IO.Path.Join(output, "aitune");
        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"publishing the NativeAOT aitune for the lab guests failed ({process.ExitCode}): {stdout.Result}{stderr}");
        }

        Environment.SetEnvironmentVariable(LabRunCommand.GuestBinaryVariable, binary);
        return binary;
    }
}
