using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AiTune.IntegrationTests.Support;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, which .ci/run installs) on 127.0.0.1 and a free port,
/// with a fresh data directory, scraping the given targets every second; stopped by PID and its directory removed
/// on Dispose. Its first scrape lands about 5–6 s after start (the discovery manager's fixed 5 s throttle), so
/// tests poll <see cref="WaitUntilUp"/> rather than sleep.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    /// <summary>A test gives up on Prometheus after this (it is up after 6–8 s on this machine).</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly DirectoryInfo directory;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, DirectoryInfo directory, Uri url)
    {
        this.process = process;
        this.directory = directory;
        Url = url;
    }

    /// <summary>Prometheus' own address (its HTTP API).</summary>
    public Uri Url { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (host:port) as job <paramref name="job"/>.</summary>
    /// <param name="metricsPath">The path it scrapes on each target.</param>
    public static PrometheusServer Start(string job, IReadOnlyList<string> targets, string metricsPath = "/metrics")
    {
        var binary = FindOnPath("prometheus")
            ?? throw new InvalidOperationException("prometheus is not installed: apt-get install --no-install-recommends prometheus (.ci/run installs it)");
        var directory = Directory.CreateTempSubdirectory("aitune-prometheus-");
        var config = Path.Join(directory.FullName, "prometheus.yml");
        File.WriteAllText(config, $$"""
            global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: {{job}}
                metrics_path: {{metricsPath}}
                static_configs: [{targets: [{{string.Join(", ", targets.Select(t => $"'{t}'"))}}]}]
            """);
        int port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        foreach (var arg in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Join(directory.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--log.level=warn"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        // Drained so that a chatty Prometheus never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
    }

    /// <summary>Polls until every target of <paramref name="job"/> is up (<paramref name="targets"/> of them).</summary>
    public void WaitUntilUp(string job, int targets = 1)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode} before its targets were up");
            }

            try
            {
                var up = Query($"count(up{{job=\"{job}\"}} == 1)");
                if (up.Count == 1 && up[0].Value == targets)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or listening but not ready.
            }

            if (stopwatch.Elapsed > GiveUp)
            {
                throw new TimeoutException($"the targets of job {job} were not up within {GiveUp.TotalSeconds} s");
            }

            Thread.Sleep(200);
        }
    }

    /// <summary>An instant query: each series' labels and value.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> Query(string promql)
    {
        using var response = http.GetAsync(new Uri(Url, "api/v1/query?query=" + Uri.EscapeDataString(promql))).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            // Prometheus answers a plain "Service Unavailable" until its storage is open (seconds on a loaded
            // machine); WaitUntilUp polls on through it.
            throw new HttpRequestException($"prometheus is not ready yet: {text}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"prometheus refused the query {promql}: {text}");
        }

        return root.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(series => (
                (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    public void Dispose()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        directory.Delete(recursive: true);
    }

    /// <summary>A port nobody listens on now (the system's choice for port 0); another process could take it before
    /// Prometheus binds it, which on a test machine does not happen in practice.</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Join(dir, name)).FirstOrDefault(File.Exists);
}
