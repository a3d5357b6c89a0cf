using System.Diagnostics;
using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>The kernel lab end to end under TCG, with real Debian kernels booted by the real QEMU, aitune itself as
/// each guest's PID 1: the rt kernel's longer Unix-socket path found, the same kernel twice called no change, and the
/// failure paths (not a kernel image, a guest that does not power off in time). Slow (about four minutes together):
/// these are the lab's few purposeful end-to-end tests.</summary>
public sealed class LabRunTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-lab-test-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private string Database => Path.Join(scratch, "runs.db");

    private string[] Lab(params string[] args) =>
        ["lab", "run", .. args, "--db", Database, "--cache", Path.Join(scratch, "cache"), "--json"];

    [Fact]
    public void The_rt_kernel_is_found_to_take_about_twice_the_instructions_per_unix_round_trip()
    {
        _ = LabGuestBinary.Path;

        var result = Aitune.Run(Lab("--kernel", LabKernels.Package(LabKernels.Generic61), "--kernel", LabKernels.Package(LabKernels.Rt61), "--rounds", "2"));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        SchemaTests.Valid(DocumentSchema.Load("lab-run.schema.json"), result.Output, "lab run");
        SchemaTests.Valid(DocumentSchema.Load("kernel-diff.schema.json"), JsonDocument.Parse(result.Output).RootElement.GetProperty("configDifferences").GetRawText(), "lab run's configuration differences");
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal("instructions", root.GetProperty("measure").GetString());
        Assert.Equal("tcg", root.GetProperty("accelerator").GetString());
        Assert.Equal(1, root.GetProperty("cpus").GetInt32());
        var kernels = root.GetProperty("kernels").EnumerateArray().ToList();
        Assert.Equal(["6.1.0-57-amd64", "6.1.0-57-rt-amd64"], kernels.Select(k => k.GetProperty("release").GetString()));
        Assert.Equal(["generic/debian", "rt"], kernels.Select(k => k.GetProperty("flavor").GetString()));

        // Every boot counted (a guest that ran another kernel is an error, not a boot), interleaved A B, B A.
        var boots = root.GetProperty("boots").EnumerateArray().ToList();
        Assert.Equal(["A1", "B1", "B2", "A2"], boots.Select(b => b.GetProperty("kernel").GetString() + b.GetProperty("round").GetInt32()));
        Assert.All(boots, b => Assert.Equal(JsonValueKind.Null, b.GetProperty("failure").ValueKind));
        Assert.All(boots, b => Assert.InRange(b.GetProperty("auditScore").GetInt32(), 1, 100));

        // Each run is in the store with the kernel it measured.
        var history = Aitune.Run("bench", "history", "--db", Database, "--json");
        using var stored = JsonDocument.Parse(history.Output);
        var runs = stored.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(4, runs.Count);
        foreach (var boot in boots)
        {
            var run = runs.Single(r => r.GetProperty("id").GetInt64() == boot.GetProperty("runId").GetInt64());
            bool rt = boot.GetProperty("kernel").GetString() == "B";
            Assert.Equal(rt ? "6.1.0-57-rt-amd64" : "6.1.0-57-amd64", run.GetProperty("kernel").GetString());
            Assert.StartsWith($"lab {boot.GetProperty("kernel").GetString()} ", run.GetProperty("label").GetString());
        }

        var unix = root.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("metric").GetString() == "kernel/unix-rr/cost");
        Assert.Equal("regressed", unix.GetProperty("verdict").GetString());
        Assert.InRange(unix.GetProperty("ratio").GetDouble(), 1.5, 2.5);
        Assert.Equal("instructions/op", unix.GetProperty("unit").GetString());
        var preemption = root.GetProperty("configDifferences").GetProperty("differences").EnumerateArray()
            .Single(c => c.GetProperty("title").GetString() == "preemption model");
        Assert.Equal(["voluntary", "rt"], preemption.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
    }

    [Fact]
    public void The_same_kernel_twice_is_never_called_a_change()
    {
        _ = LabGuestBinary.Path;
        var kernel = LabKernels.Package(LabKernels.Generic612);

        var result = Aitune.Run(Lab("--kernel", kernel, "--kernel", kernel, "--rounds", "2"));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        using var document = JsonDocument.Parse(result.Output);
        var verdicts = document.RootElement.GetProperty("verdicts").EnumerateArray().ToList();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Contains(v.GetProperty("verdict").GetString(), new[] { "noSignificantChange", "undecidable" }));
        Assert.Contains(verdicts, v => v.GetProperty("verdict").GetString() == "noSignificantChange");
        Assert.Empty(document.RootElement.GetProperty("configDifferences").GetProperty("differences").EnumerateArray());

        // Every guest's PID 1 forked on base pages only: which ranges THP backed is what moved fork+exit by 9 %
        // between boots of one kernel (Debian's THP mode is "always"), and an A/A comparison called it a regression.
        var export = Aitune.Run("bench", "export", "--db", Database, "-o", "-");
        Assert.True(export.ExitCode == 0, export.Error);
        using var runs = JsonDocument.Parse(export.Output);
        var forkNotes = runs.RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "fork-exit"))
            .Select(c => c.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).Single(n => n.StartsWith("it has ", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(4, forkNotes.Count);
        Assert.All(forkNotes, n => Assert.EndsWith(" of anonymous memory, 0 B of it on transparent huge pages (/proc/self/smaps_rollup)", n));
    }

    [Fact]
    public void A_truncated_kernel_image_is_refused_before_anything_boots()
    {
        var tree = Path.Join(scratch, "broken");
        const string release = "6.12.118+deb12-amd64";
        Directory.CreateDirectory(Path.Join(tree, "boot"));
        Directory.CreateDirectory(Path.Join(tree, "lib", "modules", release));
        var image = LabKernels.Image(LabKernels.Generic612);
        File.WriteAllBytes(Path.Join(tree, "boot", "vmlinuz-" + release), image[..(image.Length / 3)]);
        File.Copy(FixturePaths.File("files/kernel/configs/config-" + release + ".gz"), Path.Join(tree, "boot", "config-" + release + ".gz"));
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Join(tree, "boot", "config-" + release + ".gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var config = File.Create(Path.Join(tree, "boot", "config-" + release)))
        {
            gzip.CopyTo(config);
        }

        File.Delete(Path.Join(tree, "boot", "config-" + release + ".gz"));

        var result = Aitune.Run(Lab("--kernel", tree, "--rounds", "1"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ", result.Error);
        Assert.Contains("hint: ", result.Error);
        Assert.Contains("not a Linux kernel image", result.Error);
        Assert.False(File.Exists(Database) && new FileInfo(Database).Length > 0 && Aitune.Run("bench", "history", "--db", Database, "--json").Output.Contains("\"id\":", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guest_that_does_not_power_off_in_time_is_stopped_reported_and_retried_once()
    {
        _ = LabGuestBinary.Path;

        var result = Aitune.Run(Lab("--kernel", LabKernels.Package(LabKernels.Generic612), "--rounds", "1", "--timeout", "2"));

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var boots = document.RootElement.GetProperty("boots").EnumerateArray().ToList();
        Assert.Equal([1, 2], boots.Select(b => b.GetProperty("attempt").GetInt32()));
        Assert.All(boots, b => Assert.Contains("did not power off within 2 s", b.GetProperty("failure").GetString()));
        Assert.All(boots, b => Assert.Equal(JsonValueKind.Null, b.GetProperty("runId").ValueKind));
        // The watchdog killed QEMU: none is left running with this test's files.
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", scratch]) { RedirectStandardOutput = true })!;
        pgrep.WaitForExit();
        Assert.Equal("", pgrep.StandardOutput.ReadToEnd().Trim());
    }

    [Fact]
    public void A_full_temporary_directory_is_an_error_that_leaves_nothing_behind()
    {
        if (!SmallTmpfs.Possible)
        {
            return;
        }

        using var tmpfs = new SmallTmpfs(4L << 20);
        var environment = new Dictionary<string, string?> { ["TMPDIR"] = tmpfs.Path, [Cli.Commands.Lab.LabRunCommand.GuestBinaryVariable] = LabGuestBinary.Path };

        var result = Aitune.Process(Lab("--kernel", LabKernels.Package(LabKernels.Generic61), "--rounds", "1"), environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ", result.Error);
        Assert.Contains("no space left", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hint: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(tmpfs.Entries); // the lab's work directory went with the error
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Qemu_dies_with_aitune_even_when_aitune_is_killed_with_sigkill()
    {
        var start = new ProcessStartInfo(LabGuestBinary.Path, Lab("--kernel", LabKernels.Package(LabKernels.Generic61), "--rounds", "1", "--timeout", "600"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A process killed with SIGKILL cleans nothing up: its work directory goes into the test's scratch directory.
        start.Environment["TMPDIR"] = scratch;
        using var aitune = Process.Start(start)!;
        int? qemu = null;
        try
        {
            // Polled, not timed: QEMU appears once the guest image is written, which takes seconds.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (qemu is null && !aitune.HasExited && DateTime.UtcNow < deadline)
            {
                qemu = GuestQemu(aitune.Id);
                Thread.Sleep(100);
            }

            Assert.True(qemu is not null, "no QEMU started: " + (aitune.HasExited ? aitune.StandardError.ReadToEnd() : "still preparing"));
        }
        finally
        {
            aitune.Kill(); // SIGKILL: no finally, no handler runs in aitune
            aitune.WaitForExit();
        }

        // 128 + SIGKILL. A lab run that ended by itself first (QEMU failing at once, twice) cleaned up as it should,
        // and this test measured nothing: say why rather than fail on the missing work directory below.
        if (aitune.ExitCode != 137)
        {
            Assert.Fail($"aitune exited by itself ({aitune.ExitCode}) before it was killed: {aitune.StandardError.ReadToEnd()}");
        }

        // The kernel sends QEMU the parent-death signal; poll until it is gone (bounded, so a failure ends).
        var gone = DateTime.UtcNow.AddSeconds(30);
        while (Alive(qemu.Value) && DateTime.UtcNow < gone)
        {
            Thread.Sleep(50);
        }

        Assert.False(Alive(qemu.Value), $"QEMU {qemu} outlived the aitune that started it");

        // Its work directory stays behind (nothing runs after SIGKILL) and names its dead owner: the next lab run
        // removes it.
        Assert.Single(Directory.GetDirectories(scratch, "aitune-lab-*"));
        Assert.Equal(1, AiTune.Lab.Qemu.LabWorkDirectory.RemoveAbandoned(scratch));
        Assert.Empty(Directory.GetDirectories(scratch, "aitune-lab-*"));
    }

    /// <summary>The QEMU child of <paramref name="parent"/> that boots a guest (its command line names a
    /// <c>-kernel</c>). Not any child called qemu-system: before it makes its work directory the lab asks the same
    /// binary for <c>--version</c>, and a test that killed aitune during that probe would find no directory.</summary>
    private static int? GuestQemu(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Join(directory, "stat"));
                int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
                var after = stat[(close + 2)..].Split(' ');
                if (!stat[(open + 1)..close].StartsWith("qemu-system", StringComparison.Ordinal)
                    || after[1] != parent.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    continue;
                }

                if (File.ReadAllText(Path.Join(directory, "cmdline")).Split('\0').Contains("-kernel"))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
        }

        return null;
    }

    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
