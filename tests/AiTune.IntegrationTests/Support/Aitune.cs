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

    /// <summary>The aitune binary beside the tests (built with the CLI's runtime settings: its framework messages are
    /// resource keys, as in the published binary).</summary>
    public static string Binary => Path.Join(AppContext.BaseDirectory, "aitune");

    /// <summary>Runs the aitune binary as a child process and captures what it prints: for what in-process runs
    /// cannot show (the environment, the working directory, another user).</summary>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="unprivileged">Run as nobody (uid 65534) through setpriv when this process is root; a test
    /// process that is not root is unprivileged already.</param>
    /// <param name="capability">With <paramref name="unprivileged"/>: one capability nobody keeps (setpriv's name,
    /// "dac_read_search"), as a unit's AmbientCapabilities= grants it.</param>
    public static Result Process(string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, bool unprivileged = false,
        string? capability = null)
    {
        bool switchUser = unprivileged && AiTune.Tuning.Writing.DurableFiles.IsRoot;
        var start = new ProcessStartInfo(switchUser ? "setpriv" : Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (switchUser)
        {
            start.WorkingDirectory = "/";
            string[] grant = capability is null ? [] : [$"--inh-caps=+{capability}", $"--ambient-caps=+{capability}"];
            foreach (var arg in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", .. grant, UnprivilegedBinary.Value])
            {
                start.ArgumentList.Add(arg);
            }
        }

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

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The binary where nobody may run it: beside the tests when every directory above them lets others
    /// in, else a copy of the test directory's files in a world-readable temporary directory (a checkout under
    /// /root is not).</summary>
    private static readonly Lazy<string> UnprivilegedBinary = new(() =>
    {
        bool reachable = true;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            reachable &= (dir.UnixFileMode & UnixFileMode.OtherExecute) != 0;
        }

        if (reachable)
        {
            return Binary;
        }

        var copy = Directory.CreateTempSubdirectory("aitune-unprivileged-");
        copy.UnixFileMode = (UnixFileMode)0b111_101_101;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Join(copy.FullName, Path.GetFileName(file)));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => copy.Delete(recursive: true);
        return Path.Join(copy.FullName, "aitune");
    });

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

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
