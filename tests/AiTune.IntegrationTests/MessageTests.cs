using System.IO.Compression;
using System.Text.RegularExpressions;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>
/// What a person reads when something is wrong with the input: a plain sentence, printed once, with a hint that fits
/// the case. Run as the published binary runs (UseSystemResourceKeys: the framework's own messages are resource keys
/// such as "UnauthorizedAccess_IODenied_Path"), so a framework message that leaks shows here.
/// </summary>
public sealed partial class MessageTests : IDisposable
{
    private readonly string directory = CreateDirectory();

    public void Dispose()
    {
        // Only the top level is locked (see the permission test).
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        Directory.Delete(directory, recursive: true);
    }

    private string File(string name) => Path.Join(directory, name);

    /// <summary>A resource key ("TarInvalidNumber", "IO_FileNotFound_FileName"), a JSON escape, or a stack frame.</summary>
    [GeneratedRegex(@"[A-Za-z]+_[A-Za-z]+_[A-Za-z]|\b(Tar|Arg|IO|Json|Deserialize|Expected)[A-Z][a-z]+[A-Z]\w*|\\u00|   at ")]
    private static partial Regex Leak();

    private static void Plain(Aitune.Result result, string error, string hint)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {error}\nhint: {hint}\n", result.Error);
        Assert.DoesNotMatch(Leak(), result.Error);
    }

    private const string SnapshotHint = "pass a .tar.gz written by 'aitune snapshot', or a directory holding a host tree";

    [Fact]
    public void A_snapshot_that_is_not_a_tar_or_is_truncated_is_not_a_valid_snapshot_archive()
    {
        System.IO.File.WriteAllText(File("text.tar.gz"), "not an archive\n");
        Plain(Aitune.Run("audit", "--root", File("text.tar.gz")), $"{File("text.tar.gz")} is not a valid snapshot archive: it is not a gzip file", SnapshotHint);

        using (var gzip = new GZipStream(System.IO.File.Create(File("text-in-gzip.tar.gz")), CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not a tar archive, only text in gzip\n", 100))));
        }

        Plain(Aitune.Run("audit", "--root", File("text-in-gzip.tar.gz")),
            $"{File("text-in-gzip.tar.gz")} is not a valid snapshot archive: its data is corrupt (not valid gzip, or no tar archive inside)", SnapshotHint);

        Assert.Equal(0, Aitune.Run("snapshot", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "-o", File("whole.tar.gz")).ExitCode);
        var whole = System.IO.File.ReadAllBytes(File("whole.tar.gz"));
        System.IO.File.WriteAllBytes(File("cut.tar.gz"), whole[..(whole.Length / 2)]);
        Plain(Aitune.Run("inspect", "--root", File("cut.tar.gz")), $"{File("cut.tar.gz")} is not a valid snapshot archive: it is truncated", SnapshotHint);
    }

    [Fact]
    public void A_model_whose_header_is_not_JSON_says_where_once()
    {
        var header = "{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}, oops}"u8.ToArray();
        System.IO.File.WriteAllBytes(File("bad.safetensors"), [.. BitConverter.GetBytes((ulong)header.Length), .. header, 0, 0, 0, 0]);

        Plain(Aitune.Run("model", "info", File("bad.safetensors")), $"{File("bad.safetensors")}: the header is not valid JSON at line 1, byte 63",
            "the file is truncated, damaged or not a safetensors file: re-download it, or re-save it with the safetensors library");
    }

    /// <summary>A truncated model once printed its error seven times (once per load strategy) in a 2,500-character
    /// line: now bench says it once, before measuring anything, as model info does.</summary>
    [Theory]
    [InlineData("safetensors")]
    [InlineData("gguf")]
    public void A_truncated_model_is_one_error_of_readable_length(string format)
    {
        string model = File("model." + format);
        Assert.Equal(0, Aitune.Run("model", "synthetic", "--size", "4MiB", "--file-format", format, "-o", model).ExitCode);
        var bytes = System.IO.File.ReadAllBytes(model);
        System.IO.File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);

        var info = Aitune.Run("model", "info", model);
        var bench = Aitune.Run("bench", "model-load", "--quick", "--model", model, "--db", File("results.db"), "--scratch-dir", directory);

        foreach (var result in new[] { info, bench })
        {
            Assert.Equal(2, result.ExitCode);
            var lines = result.Error.TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"error: {model}: tensor '", lines[0], StringComparison.Ordinal);
            Assert.Contains("data section holds", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("hint: the file is truncated, damaged or not a", lines[1], StringComparison.Ordinal);
            Assert.All(lines, line => Assert.True(line.Length <= 200, line));
        }

        Assert.Equal(info.Error, bench.Error);
        Assert.Equal("", bench.Output);
        Assert.False(System.IO.File.Exists(File("results.db")));
    }

    [Fact]
    public void A_missing_root_or_profile_file_is_no_such_file()
    {
        Plain(Aitune.Run("audit", "--root", File("nowhere")), $"--root {File("nowhere")} does not exist",
            "pass / (the live host), a host tree directory, or a snapshot .tar.gz");
        Plain(Aitune.Run("profile", "list", "--profile-file", File("nowhere.toml")), $"--profile-file {File("nowhere.toml")}: the file does not exist",
            "give the path of a profile file (see docs/profiles.md)");
    }

    [Fact]
    public void A_usage_error_is_one_line_per_distinct_problem()
    {
        const string Hint = "run 'aitune --help' or 'aitune COMMAND --help' for the usage";
        Plain(Aitune.Run("audit", "--format", "xml"), "Argument 'xml' not recognized. Must be one of: 'text' 'json' 'md'", Hint);
        Plain(Aitune.Run("bench", "compare"), "Required argument missing for command: 'compare'.", Hint);
    }

    /// <summary>A file this user may not read is a permission error with the hint to use sudo, whatever reads it: a
    /// snapshot, a host tree, a model, a profile. Run as nobody (through setpriv when the tests run as root).</summary>
    [Fact]
    public void An_unreadable_input_is_permission_denied_with_the_sudo_hint()
    {
        AiTune.Models.SyntheticModelWriter.Write(File("model.safetensors"), AiTune.Models.ModelFormat.Safetensors, 1 << 20);
        Assert.Equal(0, Aitune.Run("snapshot", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "-o", File("host.tar.gz")).ExitCode);
        System.IO.File.WriteAllText(File("profile.toml"), "name = \"mine\"\n");
        var tree = Directory.CreateDirectory(File("tree"));
        Directory.CreateDirectory(Path.Join(tree.FullName, "proc"));
        foreach (var name in new[] { "model.safetensors", "host.tar.gz", "profile.toml" })
        {
            System.IO.File.SetUnixFileMode(File(name), UnixFileMode.None);
        }

        tree.UnixFileMode = UnixFileMode.None;

        foreach (var (args, path) in new (string[], string)[]
        {
            (["audit", "--root", File("host.tar.gz")], File("host.tar.gz")),
            (["audit", "--root", File("tree")], File("tree")),
            (["model", "info", File("model.safetensors")], File("model.safetensors")),
            (["profile", "list", "--profile-file", File("profile.toml")], "the profile file " + File("profile.toml")),
        })
        {
            var result = Aitune.Process(args, unprivileged: true);
            Plain(result, $"permission denied reading {path}", "run it with sudo");
        }
    }

    private static string CreateDirectory()
    {
        // Readable by nobody, for the unprivileged runs; the files that must not be are locked one by one.
        var created = Directory.CreateTempSubdirectory("aitune-messages-");
        created.UnixFileMode = (UnixFileMode)0b111_101_101;
        return created.FullName;
    }
}
