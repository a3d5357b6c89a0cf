using System.Diagnostics;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>Runs a tool the contrib checks need (promtool, node) to completion and captures what it prints.</summary>
public static class ExternalCommand
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Both streams, for assertions and failure messages (promtool reports on either).</summary>
        public string All => Output + Error;
    }

    /// <param name="environment">Variables to set (a null value removes one).</param>
    public static Result Run(string program, IEnumerable<string> args, string? standardInput = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran for more than 2 minutes");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
