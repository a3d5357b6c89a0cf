using System.Diagnostics;
using System.Globalization;
using AiTune.Cli;

namespace AiTune.IntegrationTests.Support;

/// <summary>Runs the aitune command line in process and captures what it prints, or as a child process where
/// the test kills it.</summary>
public static class Aitune
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = AiTuneCli.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the aitune binary beside the tests; with <paramref name="killAtStep"/> above 0 it SIGKILLs
    /// itself after that many durable steps (AITUNE_TEST_KILL_AT_STEP) and exits 137.</summary>
    public static int RunProcess(int killAtStep, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Join(AppContext.BaseDirectory, "aitune")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (killAtStep > 0)
        {
            start.Environment["AITUNE_TEST_KILL_AT_STEP"] = killAtStep.ToString(CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
