using System.Diagnostics;
using System.Globalization;
using AiTune.Benchmarks.Store;
using AiTune.Files;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>Every command that writes a file with -o (model synthetic, snapshot, bench export) refuses what it cannot
/// mean: a file that will not fit, an existing file without --force; and whatever stops it (a full disk, Ctrl-C)
/// leaves no file behind, under the final name or a temporary one.</summary>
public sealed class OutputFileCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-output-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string File(string name) => Path.Join(directory, name);

    private IReadOnlyList<string> Entries => Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>`model synthetic --size 10TiB` once filled a root file system and left 72.7 GB behind. On a full 8 MiB
    /// tmpfs: refused before a byte is written when the size cannot fit, and a clear error, no file, when the disk
    /// fills while writing. Mounting needs root, which CI has.</summary>
    [Fact]
    public void Model_synthetic_on_a_full_file_system_leaves_no_file_and_says_why()
    {
        if (!SmallTmpfs.Possible)
        {
            return;
        }

        using var tmpfs = new SmallTmpfs(8L << 20);
        string model = tmpfs.File("model.safetensors");

        var tooBig = Aitune.Run("model", "synthetic", "--size", "10TiB", "-o", model);

        Assert.Equal(2, tooBig.ExitCode);
        Assert.Equal(
            $"error: cannot write {model}: it needs 10.0 TiB and {tmpfs.Path} has 8 MiB free (aitune leaves 409.6 KiB of the file system free)\n" +
            "hint: free space on that file system, write to another one, or write a smaller file\n", tooBig.Error);
        Assert.Empty(tmpfs.Entries);

        // Someone else fills the disk: 6 MiB of 8 are taken, so 4 MiB more cannot fit.
        System.IO.File.WriteAllBytes(tmpfs.File("filler"), new byte[6 << 20]);
        var full = Aitune.Run("model", "synthetic", "--size", "4MiB", "-o", model);

        Assert.Equal(2, full.ExitCode);
        Assert.StartsWith($"error: cannot write {model}: it needs 4.1 MiB and {tmpfs.Path} has 2 MiB free", full.Error, StringComparison.Ordinal);
        Assert.Equal(["filler"], tmpfs.Entries);
    }

    /// <summary>Ctrl-C during a large synthetic model: the binary stops at once, says so, exits 130, and the partial
    /// file is gone.</summary>
    [Fact]
    public async Task Ctrl_c_during_a_large_model_synthetic_leaves_no_file()
    {
        // As large as the disk allows (the write is interrupted long before the end), so it cannot finish first.
        long available = FileSystemSpace.Of(directory)!.AvailableBytes;
        long size = Math.Clamp(available / 4, 256L << 20, 64L << 30);
        string model = File("large.safetensors");
        var start = new ProcessStartInfo(Aitune.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["model", "synthetic", "--size", size.ToString(CultureInfo.InvariantCulture), "-o", model])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        for (int i = 0; i < 600 && !process.HasExited && Entries.Count == 0; i++)
        {
            Thread.Sleep(20);
        }

        string temporary = Assert.Single(Entries);
        Assert.EndsWith(OutputFile.TemporarySuffix, temporary, StringComparison.Ordinal);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.Equal("", await output);
        Assert.Equal(
            "interrupt: stopping; the partial file is removed (Ctrl-C again to kill)\n" +
            $"interrupted: {model} was not written\n", await error);
        Assert.Empty(Entries);
    }

    public static TheoryData<string> Writers => ["model synthetic", "snapshot", "bench export"];

    /// <summary>-o onto an existing file is refused, and the file is byte for byte what it was; --force replaces it
    /// whole.</summary>
    [Theory]
    [MemberData(nameof(Writers))]
    public void Output_onto_an_existing_file_is_refused_unless_forced(string writer)
    {
        string target = File("existing");
        byte[] before = "precious data, not aitune's\n"u8.ToArray();
        System.IO.File.WriteAllBytes(target, before);

        var refused = Aitune.Run([.. Arguments(writer), "-o", target]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: {target} already exists\nhint: aitune does not overwrite files: give a new name, or add --force to replace it\n", refused.Error);
        Assert.Equal(before, System.IO.File.ReadAllBytes(target));

        var forced = Aitune.Run([.. Arguments(writer), "-o", target, "--force"]);

        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.NotEqual(before, System.IO.File.ReadAllBytes(target));
        Assert.DoesNotContain(Entries, e => e.EndsWith(OutputFile.TemporarySuffix, StringComparison.Ordinal));
        switch (writer)
        {
            case "model synthetic":
                Assert.Equal(4, AiTune.Models.ModelFileReader.Read(target).Tensors.Count);
                break;
            case "snapshot":
                using (AiTune.Hosting.ArchiveHostRoot.Load(target))
                {
                }

                break;
            default:
                Assert.Single(BenchmarkRunsDocument.Parse(System.IO.File.ReadAllBytes(target), target).Runs);
                break;
        }
    }

    private string[] Arguments(string writer) => writer switch
    {
        "model synthetic" => ["model", "synthetic", "--size", "1MiB"],
        "snapshot" => ["snapshot", "--root", FixturePaths.Host("xeon-2numa-nvidia")],
        _ => ["bench", "export", "--db", Database()],
    };

    private string Database()
    {
        string path = File("db.sqlite");
        if (!System.IO.File.Exists(path))
        {
            using var store = ResultStore.Open(path);
            store.Save(BenchmarkRunSamples.Realistic());
        }

        return path;
    }
}
