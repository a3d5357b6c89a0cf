using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>`aitune metrics` end to end: every fixture's exposition passes promtool with unique series, the textfile is
/// written atomically and read by a real node_exporter, hostile device names stay escaped, bad input is refused.</summary>
public class MetricsCommandTests
{
    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    private static Aitune.Result Metrics(string fixture, params string[] args) =>
        Aitune.Run(["metrics", "--root", FixturePaths.Host(fixture), .. args]);

    /// <summary>promtool reads the exposition on stdin and reports lint problems on stderr.</summary>
    private static (int ExitCode, string Output, string Error) Promtool(string exposition)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(exposition);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Each sample line's series: the name and labels as written (the writer writes labels in one order).</summary>
    private static List<string> Series(string exposition) =>
        exposition.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.LastIndexOf(' ')]).ToList();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_passes_promtool(string fixture)
    {
        var result = Metrics(fixture);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);

        var (code, output, error) = Promtool(result.Output);

        Assert.True(code == 0, $"promtool exited {code}: {output}{error}");
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_series_of_every_fixture_is_unique(string fixture)
    {
        var series = Series(Metrics(fixture).Output);

        Assert.NotEmpty(series);
        Assert.Empty(series.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void The_openmetrics_rendering_ends_with_eof_and_declares_counters_without_total()
    {
        var result = Metrics("xeon-2numa-nvidia", "--openmetrics");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("\n# EOF\n", result.Output);
        Assert.Contains("# TYPE aitune_thp_events counter\naitune_thp_events_total{event=", result.Output);
        Assert.DoesNotContain("\n# collector", result.Output);
        Assert.Equal(Series(Metrics("xeon-2numa-nvidia").Output).Count, Series(result.Output).Count);
    }

    [Fact]
    public void A_hostile_device_name_from_the_host_is_escaped_exactly_and_promtool_accepts_it()
    {
        using var host = new HostTreeCopy("epyc-amdgpu-rt-cgv1");
        // amdgpu's product_name, with the quotes and backslashes a board vendor may put there (a control character
        // is refused by the inspector, which falls back to the PCI ids).
        File.WriteAllText(host.File("/sys/devices/pci0000:c0/0000:c0:01.1/0000:c1:00.0/product_name"), "AMD \"Instinct\" MI210 \\\\ rev \\\"C\\\"\n");
        var result = Aitune.Run("metrics", "--root", host.Tree);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("model=\"AMD \\\"Instinct\\\" MI210 \\\\\\\\ rev \\\\\\\"C\\\\\\\"\",driver=\"amdgpu\"", result.Output);
        var (code, _, error) = Promtool(result.Output);
        Assert.Equal(0, code);
        Assert.Equal("", error);
    }

    [Fact]
    public void A_snapshot_exports_what_its_host_tree_does()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-metrics-snapshot-");
        try
        {
            var archive = Path.Join(directory.FullName, "host.tar.gz");
            Assert.Equal(0, Aitune.Run("snapshot", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "-o", archive).ExitCode);

            static List<string> Samples(string exposition) => exposition.Split('\n')
                .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("aitune_collector_duration", StringComparison.Ordinal)
                    && !l.StartsWith("aitune_audit_timestamp", StringComparison.Ordinal))
                .ToList();
            var fromSnapshot = Samples(Aitune.Run("metrics", "--root", archive).Output);

            Assert.Equal(Samples(Metrics("xeon-2numa-nvidia").Output), fromSnapshot);
            Assert.Contains("aitune_thp_events_total{event=\"fault_alloc\"} 48211", fromSnapshot);
            Assert.Contains("aitune_pressure_stalled_seconds_total{resource=\"irq\",kind=\"full\"} 2.718282", fromSnapshot);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_textfile_is_written_whole_with_nothing_left_beside_it()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-textfile-");
        try
        {
            var result = Metrics("xeon-2numa-nvidia", "--textfile", directory.FullName);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal("", result.Output);
            Assert.StartsWith($"wrote {directory.FullName}/aitune.prom: ", result.Error);
            Assert.Equal(["aitune.prom"], directory.GetFileSystemInfos().Select(f => f.Name));
            var written = File.ReadAllText(Path.Join(directory.FullName, "aitune.prom"));
            Assert.Equal(Series(Metrics("xeon-2numa-nvidia").Output), Series(written));
            Assert.Equal(0, Promtool(written).ExitCode);

            // Again: replaced atomically, still one file.
            Assert.Equal(0, Metrics("xeon-2numa-nvidia", "--textfile", directory.FullName).ExitCode);
            Assert.Equal(["aitune.prom"], directory.GetFileSystemInfos().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_textfile_directory_that_does_not_exist_is_refused_before_collecting()
    {
        var missing = Path.Join(Path.GetTempPath(), "aitune-no-such-dir-" + Guid.NewGuid().ToString("N"));
        var result = Metrics("xeon-2numa-nvidia", "--textfile", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"error: --textfile {missing}: no such directory\nhint: give node_exporter's --collector.textfile.directory (create it first); aitune writes aitune.prom in it\n", result.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void A_textfile_directory_that_is_not_writable_is_refused_and_left_empty()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-readonly-");
        try
        {
            // Owned by this process's user and not writable by nobody, whom the binary runs as (a test run as root
            // could write anywhere). This host, not a fixture: nobody may not read the checkout (a clone in a 0700
            // temporary directory).
            directory.UnixFileMode = (UnixFileMode)0b111_101_101;
            var result = Aitune.Process(["metrics", "--textfile", directory.FullName], unprivileged: true);
            if (!AiTune.Tuning.Writing.DurableFiles.IsRoot)
            {
                directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserExecute;
                result = Aitune.Process(["metrics", "--textfile", directory.FullName]);
            }

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Output);
            Assert.StartsWith("error: ", result.Error);
            Assert.Contains("aitune.prom", result.Error);
            Assert.Contains("\nhint: ", result.Error);
            directory.UnixFileMode = (UnixFileMode)0b111_101_101;
            Assert.Empty(directory.GetFileSystemInfos());
        }
        finally
        {
            directory.UnixFileMode = (UnixFileMode)0b111_000_000;
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--cgroup", "/no/such.slice", "error: --cgroup /no/such.slice: there is no cgroup /sys/fs/cgroup/no/such.slice")]
    [InlineData("--profile", "no-such-profile", "error: ")]
    [InlineData("--json", null, "error: metrics has no json output")]
    public void Bad_input_is_refused_with_a_hint(string option, string? value, string message)
    {
        var result = Metrics("xeon-2numa-nvidia", value is null ? [option] : [option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith(message, result.Error);
        Assert.Contains("\nhint: ", result.Error);
    }

    [Fact]
    public void The_applied_profile_and_its_drift_are_exported()
    {
        using var host = new ScratchHost();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput", "--persist").ExitCode);

        var applied = host.Run("metrics");
        Assert.Contains("aitune_tuning_profile_info{profile=\"inference-throughput\"} 1\n", applied.Output);
        Assert.Contains("aitune_tuning_drifted_knobs 0\n", applied.Output);
        Assert.Contains("aitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"pass\"} 1\n", applied.Output);
        Assert.Contains("aitune_collector_success{collector=\"tuning\"} 1\n", applied.Output);

        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "60\n");
        var drifted = host.Run("metrics");
        Assert.Contains("aitune_tuning_drifted_knobs 1\n", drifted.Output);
        Assert.Contains("aitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"drifted\"} 1\n", drifted.Output);
        Assert.Contains("aitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"pass\"} 0\n", drifted.Output);
        Assert.Equal(0, Promtool(drifted.Output).ExitCode);
    }

    [Fact]
    public void As_the_services_user_the_tuning_family_is_missing_with_its_reason_and_the_drop_ins_grant_exports_it()
    {
        // aitune serve's unit runs as a dynamic user, to whom root's state directory (0700) is closed; the tuning-state
        // drop-in (contrib/systemd/aitune-serve.service.d) grants CAP_DAC_READ_SEARCH. Both, as nobody: the host
        // tree readable by all, as a host's /proc and /sys are, the state directory root's own.
        Assert.True(AiTune.Tuning.Writing.DurableFiles.IsRoot, "this test switches to nobody with and without a capability: run it as root (CI does)");
        using var host = new ScratchHost();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput").ExitCode);
        new DirectoryInfo(host.Directory).UnixFileMode = (UnixFileMode)0b111_101_101;
        string[] metrics = ["metrics", "--root", host.Tree, "--state-dir", host.State];

        var closed = Aitune.Process(metrics, unprivileged: true);
        var granted = Aitune.Process(metrics, unprivileged: true, capability: "dac_read_search");

        Assert.Equal(0, closed.ExitCode);
        Assert.Contains($"# collector tuning failed: cannot read aitune's journal in {host.State} (it is readable by root only)\n", closed.Output);
        Assert.Contains("aitune_collector_success{collector=\"tuning\"} 0\n", closed.Output);
        Assert.DoesNotContain("aitune_tuning_profile_info", closed.Output);
        Assert.Contains("aitune_collector_success{collector=\"kernel\"} 1\n", closed.Output);
        Assert.Equal(0, granted.ExitCode);
        Assert.Contains("aitune_tuning_profile_info{profile=\"inference-throughput\"} 1\n", granted.Output);
        Assert.Contains("aitune_collector_success{collector=\"tuning\"} 1\n", granted.Output);
        Assert.Equal("", granted.Error);
    }

    [Fact]
    public void The_latest_stored_benchmark_of_each_suite_is_exported_in_base_units()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-metrics-db-");
        try
        {
            var database = Path.Join(directory.FullName, "results.db");
            using (var store = ResultStore.Open(database))
            {
                store.Save(BenchmarkRunSamples.Create("old", ("memory", "copy", "bandwidth", AiTune.Benchmarks.Statistics.MetricDirection.HigherIsBetter, [1, 1, 1])));
                store.Save(BenchmarkRunSamples.Realistic());
            }

            var result = Metrics("xeon-2numa-nvidia", "--db", database);

            Assert.Equal(0, result.ExitCode);
            // Realistic: model-load read/4k first-byte median of 8 samples (0.402 and 0.403 ms in the middle).
            Assert.Contains("aitune_benchmark_result{suite=\"model-load\",case=\"read/4k\",metric=\"first-byte\",unit=\"seconds\",profile=\"inference-throughput\"} 0.0004025", result.Output);
            Assert.Contains("aitune_benchmark_result{suite=\"memory\",case=\"bandwidth/µ\",metric=\"copy\",unit=\"bytes_per_second\",profile=\"inference-throughput\"} 40875000000\n", result.Output);
            // The older run was under no profile: its memory result is the latest for that profile label.
            Assert.Contains("aitune_benchmark_result{suite=\"memory\",case=\"copy\",metric=\"bandwidth\",unit=\"bytes_per_second\",profile=\"none\"} 1000000000\n", result.Output);
            Assert.Contains($"aitune_benchmark_timestamp_seconds{{suite=\"model-load\",profile=\"inference-throughput\"}} {AiTune.Metrics.ExpositionText.FormatValue(BenchmarkRunSamples.Start.AddSeconds(517.123_456_7).ToUnixTimeMilliseconds() / 1000.0)}\n", result.Output);
            Assert.Equal(0, Promtool(result.Output).ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Node_exporter_serves_the_families_of_the_textfile()
    {
        var directory = Directory.CreateTempSubdirectory("aitune-node-exporter-");
        Process? exporter = null;
        try
        {
            Assert.Equal(0, Metrics("xeon-2numa-nvidia", "--textfile", directory.FullName).ExitCode);
            int port = FreePort();
            var start = new ProcessStartInfo("prometheus-node-exporter") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])[$"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults", "--collector.textfile",
                $"--collector.textfile.directory={directory.FullName}"])
            {
                start.ArgumentList.Add(arg);
            }

            exporter = Process.Start(start)!;
            exporter.OutputDataReceived += (_, _) => { };
            exporter.ErrorDataReceived += (_, _) => { };
            exporter.BeginOutputReadLine();
            exporter.BeginErrorReadLine();

            var scraped = Scrape(port, exporter);

            Assert.Contains("aitune_hugepages_pool_pages{node=\"0\",page_size_bytes=\"2097152\"} 4096\n", scraped);
            Assert.Contains("aitune_thp_events_total{event=\"fault_fallback\"} 1377\n", scraped);
            Assert.Contains("aitune_accelerator_info{driver=\"nvidia\",model=\"NVIDIA H100 80GB HBM3\",numa_node=\"1\",pci_address=\"0000:98:00.0\",vendor=\"nvidia\"} 1\n", scraped);
            Assert.Contains("node_textfile_scrape_error 0\n", scraped);
            // Every family of the file, none dropped as a duplicate or a parse error.
            var families = File.ReadAllLines(Path.Join(directory.FullName, "aitune.prom")).Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToList();
            Assert.All(families, family => Assert.Contains(family + "\n", scraped));
        }
        finally
        {
            if (exporter is not null)
            {
                if (!exporter.HasExited)
                {
                    exporter.Kill();
                }

                exporter.WaitForExit();
                exporter.Dispose();
            }

            directory.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>node_exporter's /metrics, polled until it answers (it starts in well under a second), for 30 s at most.</summary>
    private static string Scrape(int port, Process exporter)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(exporter.HasExited, $"node_exporter exited with {(exporter.HasExited ? exporter.ExitCode : 0)}");
            try
            {
                return client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).GetAwaiter().GetResult();
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }
        }
    }
}
