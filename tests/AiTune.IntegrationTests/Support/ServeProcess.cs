using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiTune.IntegrationTests.Support;

/// <summary>The aitune binary running <c>aitune serve</c> on a free loopback port (<c>--listen 127.0.0.1:0</c>),
/// its address read from the line it prints; stopped with SIGTERM, as systemd stops it.</summary>
public sealed partial class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder error = new();
    private readonly Task<string> output;

    private ServeProcess(Process process, Task<string> output, string metricsUrl)
    {
        this.process = process;
        this.output = output;
        MetricsUrl = new Uri(metricsUrl);
    }

    public Uri MetricsUrl { get; }

    /// <summary>host:port, as a scrape config names the target.</summary>
    public string Target => MetricsUrl.Authority;

    public static ServeProcess Start(params string[] extraArgs)
    {
        var start = new ProcessStartInfo(Aitune.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["serve", "--listen", "127.0.0.1:0", .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var first = process.StandardError.ReadLine() ?? "";
        var url = ListeningLine().Match(first);
        if (!url.Success)
        {
            process.Kill();
            process.WaitForExit();
            throw new InvalidOperationException($"aitune serve did not say where it listens: {first}{process.StandardError.ReadToEnd()}");
        }

        var serve = new ServeProcess(process, output, url.Groups[1].Value);
        _ = Task.Run(() =>
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                lock (serve.error)
                {
                    serve.error.AppendLine(line);
                }
            }
        });
        return serve;
    }

    /// <summary>Sends SIGTERM and waits for the exit: the exit code and what it printed on stderr after the first line.</summary>
    public (int ExitCode, string Output, string Error) Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }

        process.WaitForExit();
        lock (error)
        {
            return (process.ExitCode, output.Result, error.ToString());
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^serve: listening on (http://\S+) ")]
    private static partial Regex ListeningLine();
}
