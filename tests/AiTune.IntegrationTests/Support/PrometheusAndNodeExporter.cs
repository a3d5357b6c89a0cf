using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AiTune.IntegrationTests.Support;

/// <summary>A real node_exporter whose textfile collector reads one exposition file, and a real Prometheus that
/// scrapes it every second and evaluates rule files: both on 127.0.0.1 on free ports, in a fresh temporary
/// directory, stopped by their PIDs on Dispose.</summary>
public sealed class PrometheusAndNodeExporter : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly DirectoryInfo _directory;
    private readonly List<(Process Process, StringBuilder Log)> _processes = [];

    private PrometheusAndNodeExporter(DirectoryInfo directory)
    {
        _directory = directory;
    }

    /// <summary>http://127.0.0.1:PORT of Prometheus.</summary>
    public string PrometheusUrl { get; private set; } = "";

    /// <summary>The instance label Prometheus gives node_exporter's series (127.0.0.1:PORT).</summary>
    public string NodeExporterInstance { get; private set; } = "";

    /// <summary>Starts both and returns once Prometheus has scraped node_exporter (it waits about 5 s before its
    /// first scrape, whatever the interval) and every rule has been evaluated without error with data behind each
    /// recording rule, so queries of the recorded series and rate()s over the samples find data.</summary>
    /// <param name="exposition">The content of the textfile collector's aitune.prom.</param>
    /// <param name="ruleFiles">Absolute paths of rule files Prometheus loads.</param>
    public static async Task<PrometheusAndNodeExporter> StartAsync(string exposition, IEnumerable<string> ruleFiles)
    {
        var servers = new PrometheusAndNodeExporter(Directory.CreateTempSubdirectory("aitune-prometheus-"));
        try
        {
            await servers.StartProcessesAsync(exposition, ruleFiles);
            return servers;
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    private async Task StartProcessesAsync(string exposition, IEnumerable<string> ruleFiles)
    {
        string textfiles = Path.Join(_directory.FullName, "textfile");
        Directory.CreateDirectory(textfiles);
        File.WriteAllText(Path.Join(textfiles, "aitune.prom"), exposition);

        int exporterPort = FreePort();
        NodeExporterInstance = $"127.0.0.1:{exporterPort}";
        Start("prometheus-node-exporter",
            $"--web.listen-address={NodeExporterInstance}",
            $"--collector.textfile.directory={textfiles}",
            "--collector.disable-defaults",
            "--collector.textfile");

        int prometheusPort = FreePort();
        PrometheusUrl = $"http://127.0.0.1:{prometheusPort}";
        string config = Path.Join(_directory.FullName, "prometheus.yml");
        var rules = string.Join(", ", ruleFiles.Select(f => JsonSerializer.Serialize(f)));
        File.WriteAllText(config, $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [{{rules}}]
            scrape_configs:
              - job_name: node
                static_configs: [{targets: ['{{NodeExporterInstance}}']}]
            """);
        Start("prometheus",
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Join(_directory.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}");

        await WaitUntilAsync("Prometheus has scraped node_exporter: count(up == 1) == 1", async () =>
        {
            var result = await TryQueryAsync("count(up == 1)");
            return result is { } r && r.GetArrayLength() == 1 && r[0].GetProperty("value")[1].GetString() == "1";
        });
        await WaitUntilAsync("every rule is evaluated with health ok and every recording rule has data", async () =>
        {
            var rules = await GetAsync("/api/v1/rules");
            foreach (var rule in AllRules(rules))
            {
                if (rule.GetProperty("health").GetString() != "ok")
                {
                    return false;
                }

                if (rule.GetProperty("type").GetString() == "recording")
                {
                    var recorded = await TryQueryAsync(rule.GetProperty("name").GetString()!);
                    if (recorded is not { } series || series.GetArrayLength() == 0)
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    /// <summary>The rules of every group of /api/v1/rules.</summary>
    public static IEnumerable<JsonElement> AllRules(JsonElement rulesData) =>
        rulesData.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray());

    /// <summary>GET of a Prometheus API path; returns its "data" and fails the test unless the status is success.</summary>
    public async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(PrometheusUrl + pathAndQuery));
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>An instant query's result array (vector results).</summary>
    public async Task<JsonElement> QueryAsync(string promql) =>
        (await GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql))).GetProperty("result");

    private async Task<JsonElement?> TryQueryAsync(string promql)
    {
        try
        {
            return await QueryAsync(promql);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Polls every 200 ms for up to 60 s (Prometheus is ready after about 1 s and scrapes first after about
    /// 5 s); fails with the processes' logs when the condition never holds.</summary>
    private async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var (process, log) in _processes)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} while waiting until {what}:\n{log}");
                }
            }

            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"not within 60 s: {what}\n" + string.Join("\n", _processes.Select(p => $"{p.Process.StartInfo.FileName}:\n{p.Log}")));
    }

    private void Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory.FullName };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, log));
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    /// <summary>A port nothing listens on now; the tools are given it on their command line (a race with another
    /// process taking it in between shows as the tool exiting, reported with its log).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
            process.Dispose();
        }

        _processes.Clear();
        _directory.Delete(recursive: true);
    }
}
