using AiTune.Cli.Rendering.Formats;
using AiTune.IntegrationTests.Support;
using AiTune.Models;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>One global --format (text, json, md) with --json as its alias: every command renders its document through
/// the registry (<see cref="DocumentRenderers"/>), refuses a format its document does not have before it does
/// anything, and a command that prints no document takes text only.</summary>
public sealed class OutputFormatTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-format-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Fixture => FixturePaths.Host("kvm-hardened");

    public static TheoryData<string[]> Documents() => new(
        ["inspect", "--root", Fixture],
        ["audit", "--root", Fixture, "--profile", "hardened"],
        ["plan", "--root", Fixture, "--profile", "hardened"],
        ["profile", "show", "hardened", "--root", Fixture],
        ["profile", "list", "--root", Fixture],
        ["rules"]);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Json_is_format_json_byte_for_byte(string[] command)
    {
        var json = Aitune.Run([.. command, "--json"]);
        var format = Aitune.Run([.. command, "--format", "json"]);
        var both = Aitune.Run([.. command, "--json", "--format", "json"]);

        Assert.Equal(0, json.ExitCode);
        Assert.StartsWith("{", json.Output, StringComparison.Ordinal);
        Assert.Equal(json.Output, format.Output);
        Assert.Equal(json.Output, both.Output);
        Assert.Equal((0, 0), (format.ExitCode, both.ExitCode));
    }

    [Fact]
    public void Text_is_the_default_and_format_text_says_the_same()
    {
        var plain = Aitune.Run("audit", "--root", Fixture, "--profile", "hardened");
        var text = Aitune.Run("audit", "--root", Fixture, "--profile", "hardened", "--format", "text");

        Assert.Equal(plain.Output, text.Output);
        Assert.StartsWith("aitune audit", plain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_another_format_together_are_a_usage_error()
    {
        var result = Aitune.Run("audit", "--root", Fixture, "--json", "--format", "md");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("error: --json and --format md ask for two formats\nhint: --json is --format json: give one of them\n", result.Error);
    }

    [Theory]
    [InlineData("inspect", "md", "text, json", "inspect", "--root", "ROOT")]
    [InlineData("plan", "md", "text, json", "plan", "--root", "ROOT", "--profile", "hardened")]
    [InlineData("profile list", "md", "text, json", "profile", "list", "--root", "ROOT")]
    [InlineData("bench history", "md", "text, json", "bench", "history", "--db", "DB")]
    [InlineData("snapshot", "json", "text", "snapshot", "--root", "ROOT", "-o", "OUT")]
    [InlineData("snapshot", "md", "text", "snapshot", "--root", "ROOT", "-o", "OUT")]
    [InlineData("model synthetic", "json", "text", "model", "synthetic", "--size", "1MiB", "-o", "OUT")]
    [InlineData("bench export", "json", "text", "bench", "export", "--db", "DB", "-o", "OUT")]
    public void A_format_a_command_does_not_have_is_refused_naming_the_ones_it_has(string command, string format, string has, params string[] args)
    {
        var arguments = args.Select(a => a switch
        {
            "ROOT" => Fixture,
            "DB" => Path.Join(directory, "results.db"),
            "OUT" => Path.Join(directory, "out"),
            _ => a,
        });

        var result = Aitune.Run([.. arguments, "--format", format]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"error: {command} has no {format} output\nhint: the formats {command} has: {has}\n", result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    /// <summary>The format is checked before the command does anything: an apply asked for Markdown writes nothing.</summary>
    [Fact]
    public void Apply_asked_for_a_format_it_does_not_have_changes_nothing()
    {
        using var host = new ScratchHost();
        var before = host.Fingerprint();

        var result = host.Run("apply", "--profile", "inference-throughput", "--format", "md");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: apply has no md output", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, host.Fingerprint());
        Assert.False(Directory.Exists(host.State));
    }

    [Fact]
    public void Audit_and_rules_have_markdown()
    {
        var audit = Aitune.Run("audit", "--root", Fixture, "--profile", "hardened", "--format", "md");
        var rules = Aitune.Run("rules", "--format", "md");

        Assert.StartsWith("# aitune audit: hardened", audit.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(FixturePaths.Repository("docs/rules.md")), rules.Output);
    }

    /// <summary>`model synthetic` chooses its file's format with --file-format: --format is the output's.</summary>
    [Fact]
    public void Model_synthetic_takes_its_file_format_from_file_format()
    {
        var model = Path.Join(directory, "m.gguf");

        var written = Aitune.Run("model", "synthetic", "--size", "1MiB", "--file-format", "gguf", "-o", model);
        var refused = Aitune.Run("model", "synthetic", "--size", "1MiB", "--format", "gguf", "-o", Path.Join(directory, "n.gguf"));

        Assert.Equal(0, written.ExitCode);
        Assert.Equal(ModelFormat.Gguf, ModelFileReader.Read(model).Format);
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("error: Argument 'gguf' not recognized. Must be one of: 'text' 'json' 'md'", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>Every document in the registry has text for people and JSON for programs; Markdown where a report
    /// makes sense.</summary>
    [Fact]
    public void Every_document_in_the_registry_has_text_and_json()
    {
        var entries = typeof(DocumentRenderers).GetProperties()
            .Select(p => (p.Name, Formats: (IReadOnlyCollection<OutputFormat>)p.PropertyType.GetProperty(nameof(DocumentRenderer<object>.Formats))!.GetValue(p.GetValue(null))!))
            .ToList();

        Assert.True(entries.Count >= 17, $"{entries.Count} entries");
        Assert.All(entries, e => Assert.True(e.Formats.Contains(OutputFormat.Text) && e.Formats.Contains(OutputFormat.Json), $"{e.Name}: {string.Join(", ", e.Formats)}"));
        Assert.Equal(["Audit", "KernelDiff", "Rules"], entries.Where(e => e.Formats.Contains(OutputFormat.Markdown)).Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
