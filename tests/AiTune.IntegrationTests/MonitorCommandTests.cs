using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Cli.Rendering;
using AiTune.IntegrationTests.Support;
using AiTune.Services.Monitoring;

namespace AiTune.IntegrationTests;

/// <summary>`aitune monitor`: one frame of a fixture as a golden file at 80 columns, one frame of this host with its
/// rates, and the live view driven in a real terminal (tmux): drawn within 80 columns, left with q or Ctrl-C, exit 0,
/// the terminal restored.</summary>
public sealed partial class MonitorCommandTests
{
    private const string Fixture = "tests/fixtures/hosts/xeon-2numa-nvidia";

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex FrameTime();

    private static Aitune.Result At(int columns, params string[] args) =>
        Aitune.Process([.. args, "--no-color"], new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(CultureInfo.InvariantCulture), ["NO_COLOR"] = null },
            GoldenFile.RepositoryRoot);

    private static string KernelRelease => File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    [Fact]
    public void One_frame_of_a_fixture_at_80_columns_is_the_golden_file()
    {
        var once = At(80, "monitor", "--once", "--root", Fixture);

        Assert.True(once.ExitCode == 0, once.Error);
        Assert.All(once.Output.Split('\n'), line => Assert.True(line.Length <= 80, line));
        Assert.Contains("rates: none (--root reads a tree or snapshot", once.Output, StringComparison.Ordinal);
        GoldenFile.Check("monitor-xeon-2numa-nvidia.80.txt", FrameTime().Replace(once.Output, "<time> UTC"));
    }

    [Fact]
    public void One_frame_of_this_host_has_rates_over_the_interval()
    {
        var once = At(80, "monitor", "--once", "--interval", "0.2");

        Assert.True(once.ExitCode == 0, once.Error);
        Assert.Contains($"kernel {KernelRelease}", once.Output, StringComparison.Ordinal);
        Assert.Matches(@"rates over the last 0\.\d s", once.Output);
        Assert.Matches(@"faults (\d+\.\d/s|unknown) huge", once.Output);
        Assert.All(once.Output.Split('\n'), line => Assert.True(line.Length <= 80, line));
    }

    /// <summary>The worst a frame holds: many drifted knobs with long ids, a long device model, an unknown NUMA node,
    /// failed collectors with long reasons, stalls and fallbacks past the marks. At 80 columns every line fits and no
    /// knob id, number or address is split across lines.</summary>
    [Fact]
    public void A_crowded_frame_fits_80_columns_with_every_value_whole()
    {
        string[] knobs = ["cpu:energy_performance_preference@policy11", "sysctl:vm.swappiness", "sysctl:kernel.numa_balancing", "thp:enabled", "thp:defrag", "block:nvme0n1:scheduler", "sysctl:net.core.somaxconn"];
        var frame = new MonitorFrame(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1), null, "6.12.8-rt-very-long-local-version+",
            540632711168, 12345678901,
            [new PressureRow("cpu", 0.4567, 0.0012), new PressureRow("memory", null, null), new PressureRow("io", 0.9999, 0.5), new PressureRow("irq", null, 0.001)],
            [new HugePageNodeRow(2097152, "0", 123456, 0, 17), new HugePageNodeRow(2097152, "12", 123456, 100000, null), new HugePageNodeRow(1073741824, "0", 480, 480, 0)],
            [new HugePageRequest(2097152, "cmdline", 250000), new HugePageRequest(2097152, "sysctl", 246912), new HugePageRequest(1073741824, "profile", 960)],
            new ThpActivity("always", "defer+madvise", 12345.6, 6789.1),
            new TuningState(true, "inference-latency+hardened", knobs, ["cmdline:hugepagesz", "cmdline:isolcpus"]),
            [new AcceleratorRow("nvidia", "NVIDIA H100 80GB HBM3 with a model name the driver made very long indeed", null, "0000:98:00.0"), new AcceleratorRow("habana", "HL-225 Gaudi2", "1", "0000:b3:00.0")],
            [new CollectorFailure("pressure", ["/proc/pressure/cpu: permission denied while reading the file that the kernel keeps for pressure stall information"]), new CollectorFailure("tuning", ["journal unreadable", "second"])]);
        var output = new StringWriter();
        var console = ConsoleFactory.Create(output, noColor: true);
        console.Profile.Width = 80;

        MonitorFrameRenderer.Write(console, frame, quitHint: true);
        string text = output.ToString();

        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, line));
        var words = text.Split([' ', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        foreach (var value in (string[])[.. knobs, "0000:98:00.0", "12345.6/s", "6789.1/s", "123456", "250000", "45.7%", "inference-latency+hardened", "6.12.8-rt-very-long-local-version+", "18:00:00"])
        {
            Assert.Contains(value, words);
        }

        Assert.Contains("7 drifted, 2 pending reboot", text, StringComparison.Ordinal);
        Assert.Contains("NUMA node unknown", text, StringComparison.Ordinal);
        Assert.Contains("2 failed", text, StringComparison.Ordinal);
        Assert.Contains("  pressure  /proc/pressure/cpu: permission denied", text, StringComparison.Ordinal);
        Assert.Contains("fallback 35.5%", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tools_help_lists_monitor()
    {
        var help = Aitune.Run("--help");

        Assert.Matches(@"\n  monitor ", help.Output[help.Output.IndexOf("Commands:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Stdout_that_is_not_a_terminal_gets_frame_after_frame_until_sigterm_and_exit_0()
    {
        var start = new ProcessStartInfo(Aitune.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["monitor", "--interval", "0.2", "--no-color"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "80";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var frames = new List<string>();
        var frame = new System.Text.StringBuilder();
        while (frames.Count < 3 && process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("aitune monitor", StringComparison.Ordinal) && frame.Length > 0)
            {
                frames.Add(frame.ToString());
                frame.Clear();
            }

            frame.AppendLine(line);
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(3, frames.Count);
        Assert.Contains("rates: none (one sample: rates need two)", frames[0], StringComparison.Ordinal);
        Assert.Matches(@"rates over the last 0\.\d s", frames[1]);
        Assert.DoesNotContain("\u001b", string.Concat(frames), StringComparison.Ordinal);
        Assert.DoesNotContain("q quits", frames[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("5000")]
    public void An_interval_out_of_range_is_refused(string interval)
    {
        var result = Aitune.Run("monitor", "--once", "--interval", interval);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --interval", result.Error, StringComparison.Ordinal);
        Assert.Contains("hint:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_refused_with_a_hint()
    {
        var result = Aitune.Run("monitor", "--once", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("monitor has no json output", result.Error, StringComparison.Ordinal);
    }

    /// <remarks>The exit status is what the shell around the binary writes to a file, and the shell then waits, so the
    /// pane stays alive: tmux 3.3a here leaves a pane's process unreaped now and then (the pane dead,
    /// #{pane_dead_status} empty), and a dead pane's "Pane is dead" line hides the cursor, which would hide whether
    /// aitune restored it.</remarks>
    [Theory]
    [InlineData("q")]
    [InlineData("C-c")]
    public void The_live_view_in_a_terminal_draws_within_80_columns_and_leaves_cleanly(string key)
    {
        string directory = Directory.CreateTempSubdirectory("aitune-monitor-").FullName;
        // tmux's server socket in the test's own directory: kill-server leaves the socket file behind, and one in
        // /tmp/tmux-UID per run piled up there.
        string socket = Path.Join(directory, "tmux");
        string status = Path.Join(directory, "status");
        try
        {
            Tmux(socket, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "30", "-s", "monitor",
                $"'{Aitune.Binary}' monitor --interval 0.5; echo $? > '{status}'; exec sleep 600", ";", "set-option", "-t", "monitor", "remain-on-exit", "on");

            string screen = Poll(() => Tmux(socket, "capture-pane", "-p", "-t", "monitor"),
                s => s.Contains("pressure", StringComparison.Ordinal) && s.Contains("rates over the last", StringComparison.Ordinal),
                "the frame with the pressure section and its rates");
            Assert.Contains($"kernel {KernelRelease}", screen, StringComparison.Ordinal);
            Assert.Contains("q quits", screen, StringComparison.Ordinal);
            Assert.All(screen.Split('\n'), line => Assert.True(line.Length <= 80, line));
            Assert.Equal("1 0", Tmux(socket, "display-message", "-p", "-t", "monitor", "#{alternate_on} #{cursor_flag}").Trim());

            Tmux(socket, "send-keys", "-t", "monitor", key);
            string exit = Poll(() => File.Exists(status) ? File.ReadAllText(status).Trim() : "", s => s.Length > 0, "the monitor to exit");
            Assert.Equal("0", exit);

            // Out of the alternate screen, the cursor shown again.
            Assert.Equal("0 1", Tmux(socket, "display-message", "-p", "-t", "monitor", "#{alternate_on} #{cursor_flag}").Trim());
        }
        finally
        {
            Tmux(socket, "kill-server");
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Poll(Func<string> read, Func<string, bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        string last = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            last = read();
            if (done(last))
            {
                return last;
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"waited 90 s for {what}; last seen:\n{last}");
        return last;
    }

    private static string Tmux(string socket, params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-S", socket, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("TMUX");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result + (process.ExitCode == 0 || args[0] == "kill-server" ? "" : $"\ntmux {string.Join(' ', args)} failed: {error}");
    }
}
