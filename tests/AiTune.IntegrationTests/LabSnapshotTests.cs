using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>`aitune lab snapshot` boots a real Debian kernel under QEMU and brings back `aitune snapshot` of the guest:
/// inspect reads the archive as the kernel it booted, with the configuration the guest carried at /boot/config-R.</summary>
public sealed class LabSnapshotTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-lab-snapshot-test-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void A_kernels_snapshot_is_taken_inside_its_guest_and_reads_as_that_kernel()
    {
        _ = LabGuestBinary.Path;
        var output = Directory.CreateDirectory(Path.Join(scratch, "out")).FullName;

        var result = Aitune.Run("lab", "snapshot", "--kernel", LabKernels.Package(LabKernels.Rt61), "--output", output, "--cache", Path.Join(scratch, "cache"), "--json");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        SchemaTests.Valid(DocumentSchema.Load("lab-snapshot.schema.json"), result.Output, "lab snapshot");
        var archive = Path.Join(output, "6.1.0-57-rt-amd64.tar.gz");
        using (var document = JsonDocument.Parse(result.Output))
        {
            var snapshot = document.RootElement.GetProperty("snapshots").EnumerateArray().Single();
            Assert.Equal(archive, snapshot.GetProperty("path").GetString());
            Assert.Equal(new FileInfo(archive).Length, snapshot.GetProperty("sizeBytes").GetInt64());
        }

        var inspect = Aitune.Run("inspect", "--root", archive, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        using var facts = JsonDocument.Parse(inspect.Output);
        var kernel = facts.RootElement.GetProperty("facts").GetProperty("kernel");
        Assert.Equal("6.1.0-57-rt-amd64", kernel.GetProperty("release").GetString());
        // The configuration is the one the guest carried where an installed system has it (Debian builds no
        // /proc/config.gz), and the rt kernel's preemption model reads from it.
        Assert.Equal("/boot/config-6.1.0-57-rt-amd64", kernel.GetProperty("configSource").GetString());
        Assert.Equal("rt", kernel.GetProperty("preemption").GetString());
        Assert.DoesNotContain(Directory.GetFiles(output), f => Path.GetFileName(f).StartsWith('.'));

        // The guest booted with norandmaps (a fixed layout for its measurements) and put the kernel's own default
        // back before anything read it: Debian builds without CONFIG_COMPAT_BRK, so 2.
        Assert.Contains(" norandmaps ", " " + ArchiveText(archive, "proc/cmdline").Trim() + " ");
        Assert.Equal("2", ArchiveText(archive, "proc/sys/kernel/randomize_va_space").Trim());
    }

    private static string ArchiveText(string archive, string path)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(archive), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == path && entry.DataStream is { } data)
            {
                return new StreamReader(data).ReadToEnd();
            }
        }

        throw new Xunit.Sdk.XunitException($"{archive} has no {path}");
    }
}
