using AiTune.Files;
using AiTune.Tests.Support;

namespace AiTune.Tests.Files;

/// <summary>A file written with <see cref="OutputFile"/> appears whole or not at all: whatever goes wrong, neither the
/// final name nor a temporary one is left behind, and an existing file is replaced only when asked.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly TempHostTree directory = new();

    public void Dispose() => directory.Dispose();

    private string Target => directory.Physical("out.bin");

    private IReadOnlyList<string> Entries => Directory.GetFileSystemEntries(directory.Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_file_appears_whole_under_its_name_and_nothing_else_is_left()
    {
        var written = OutputFile.Write(Target, 4, replace: false, stream =>
        {
            // While it is written, only a hidden temporary file beside it exists, never the final name.
            string temporary = Assert.Single(Entries);
            Assert.StartsWith(".out.bin.", temporary, StringComparison.Ordinal);
            Assert.EndsWith(OutputFile.TemporarySuffix, temporary, StringComparison.Ordinal);
            stream.Write([1, 2, 3, 4]);
            return 4;
        });

        Assert.Equal(4, written);
        Assert.Equal([1, 2, 3, 4], File.ReadAllBytes(Target));
        Assert.Equal(["out.bin"], Entries);
    }

    [Fact]
    public void An_existing_file_is_refused_and_stays_byte_identical_unless_replacing_is_asked()
    {
        File.WriteAllBytes(Target, [9, 9, 9]);

        var refused = Assert.Throws<AiTuneException>(() => OutputFile.Write(Target, 1, replace: false, stream => { stream.WriteByte(1); return 0; }));

        Assert.Equal($"{Target} already exists", refused.Message);
        Assert.Equal("aitune does not overwrite files: give a new name, or add --force to replace it", refused.Hint);
        Assert.Equal([9, 9, 9], File.ReadAllBytes(Target));

        OutputFile.Write(Target, 1, replace: true, stream => { stream.WriteByte(1); return 0; });
        Assert.Equal([1], File.ReadAllBytes(Target));
        Assert.Equal(["out.bin"], Entries);
    }

    [Fact]
    public void A_dangling_link_at_the_name_counts_as_existing_and_is_never_followed()
    {
        File.CreateSymbolicLink(Target, directory.Physical("elsewhere"));

        Assert.Throws<AiTuneException>(() => OutputFile.Write(Target, 1, replace: false, stream => 0));
        OutputFile.Write(Target, 1, replace: true, stream => { stream.WriteByte(7); return 0; });

        Assert.Null(new FileInfo(Target).LinkTarget);
        Assert.False(File.Exists(directory.Physical("elsewhere")));
    }

    [Fact]
    public void A_failure_or_a_cancellation_while_writing_leaves_nothing_behind()
    {
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write<int>(Target, null, replace: false, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("the writer failed");
        }));
        Assert.Empty(Entries);

        using var cancelled = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => OutputFile.Write(Target, null, replace: false, stream =>
        {
            stream.Write(new byte[100_000]);
            cancelled.Cancel();
            return 0;
        }, cancelled.Token));
        Assert.Empty(Entries);
    }

    [Fact]
    public void A_missing_directory_or_a_directory_as_the_name_is_a_clear_error()
    {
        var missing = Assert.Throws<AiTuneException>(() => OutputFile.Write(directory.Physical("no/such/out.bin"), 1, false, stream => 0));
        Assert.Equal($"cannot write {directory.Physical("no/such/out.bin")}: the directory {directory.Physical("no/such")} does not exist", missing.Message);

        var isDirectory = Assert.Throws<AiTuneException>(() => OutputFile.Write(directory.Directory, 1, false, stream => 0));
        Assert.Equal($"{directory.Directory} is a directory", isDirectory.Message);
    }

    [Fact]
    public void A_file_that_cannot_fit_is_refused_before_anything_is_written()
    {
        var refused = Assert.Throws<AiTuneException>(() => OutputFile.Write(Target, long.MaxValue / 2, false, stream => 0));

        Assert.StartsWith($"cannot write {Target}: it needs ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($" and {directory.Directory} has ", refused.Message, StringComparison.Ordinal);
        Assert.Equal("free space on that file system, write to another one, or write a smaller file", refused.Hint);
        Assert.Empty(Entries);
    }

    /// <summary>A file system that fills up while the file is written (its size was not known, or someone else wrote
    /// meanwhile): the error says so, and the partial temporary file is gone. Needs root to mount the tmpfs.</summary>
    [Fact]
    public void A_file_system_that_fills_up_while_writing_leaves_no_partial_file()
    {
        if (!SmallTmpfs.Possible)
        {
            return;
        }

        using var tmpfs = new SmallTmpfs(4L << 20);
        string target = tmpfs.File("big.bin");

        var full = Assert.Throws<AiTuneException>(() => OutputFile.Write(target, null, false, stream =>
        {
            var chunk = new byte[1 << 20];
            for (int i = 0; i < 16; i++)
            {
                stream.Write(chunk);
            }

            return 0;
        }));

        Assert.Equal($"cannot write {target}: no space left on device", full.Message);
        Assert.Equal("free space on that file system, or write to another one", full.Hint);
        Assert.Empty(tmpfs.Entries);

        var refused = Assert.Throws<AiTuneException>(() => OutputFile.Write(target, 16L << 20, false, stream => 0));
        Assert.Equal($"cannot write {target}: it needs 16 MiB and {tmpfs.Path} has 4 MiB free (aitune leaves 204.8 KiB of the file system free)", refused.Message);
        Assert.Empty(tmpfs.Entries);
    }
}
