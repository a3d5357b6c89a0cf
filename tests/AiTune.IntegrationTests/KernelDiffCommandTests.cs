using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Lab.Configs;

namespace AiTune.IntegrationTests;

/// <summary>`aitune kernel diff` of Debian's four real kernel configs (6.1 generic, rt, cloud and 6.12), run as the
/// binary from the repository root with relative paths, in each format: golden files under tests/fixtures/expected
/// (AITUNE_UPDATE_GOLDEN=1 rewrites them); the JSON against docs/schemas/kernel-diff.schema.json; bad input.</summary>
public sealed class KernelDiffCommandTests : IDisposable
{
    private static readonly string[] Kernels =
    [
        "tests/fixtures/files/kernel/configs/config-6.1.0-57-amd64.gz",
        "tests/fixtures/files/kernel/configs/config-6.1.0-57-rt-amd64.gz",
        "tests/fixtures/files/kernel/configs/config-6.1.0-57-cloud-amd64.gz",
        "tests/fixtures/files/kernel/configs/config-6.12.118+deb12-amd64.gz",
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("aitune-kernel-diff-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Aitune.Result Run(int? columns, params string[] args) =>
        Aitune.Process(["kernel", "diff", .. args, "--no-color"], new Dictionary<string, string?> { ["COLUMNS"] = columns?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NO_COLOR"] = null },
            GoldenFile.RepositoryRoot);

    [Theory]
    [InlineData("kernel-diff-debian.80.txt", 80)]
    [InlineData("kernel-diff-debian.json", null, "--json")]
    [InlineData("kernel-diff-debian.md", null, "--format", "md")]
    [InlineData("kernel-diff-debian-all.80.txt", 80, "--all")]
    public void The_diff_of_the_four_debian_kernels_is_its_golden_file(string golden, int? columns, params string[] options)
    {
        var result = Run(columns, [.. Kernels, .. options]);

        Assert.True(result.ExitCode == 0, result.Error);
        GoldenFile.Check(golden, result.Output);
        if (columns is { } width)
        {
            Assert.All(result.Output.Split('\n'), line => Assert.True(line.Length <= width, $"longer than {width}: {line}"));
        }
    }

    [Fact]
    public void The_json_matches_its_schema_and_holds_every_concept_once()
    {
        var result = Run(null, [.. Kernels, "--json"]);

        var document = SchemaTests.Valid(DocumentSchema.Load("kernel-diff.schema.json"), result.Output, "kernel diff");
        var ids = document.GetProperty("differences").EnumerateArray().Concat(document.GetProperty("identical").EnumerateArray())
            .Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(ConfigConceptCatalogue.All.Select(c => c.Id).Order(), ids.Order());
        var pti = document.GetProperty("identical").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "pti");
        Assert.Equal(JsonValueKind.String, pti.GetProperty("values")[3].GetProperty("options").GetProperty("MITIGATION_PAGE_TABLE_ISOLATION").ValueKind);
        Assert.Equal("y", pti.GetProperty("values")[0].GetProperty("options").GetProperty("PAGE_TABLE_ISOLATION").GetString());
    }

    [Fact]
    public void A_file_that_is_not_a_config_is_an_error_with_a_hint()
    {
        string notConfig = Path.Join(directory, "README");
        File.WriteAllText(notConfig, "hello\n");

        var result = Run(null, Kernels[0], notConfig);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: ", result.Error);
        Assert.Contains("is not a kernel config", result.Error);
        Assert.Contains("hint: ", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_missing_file_is_an_error_with_a_hint()
    {
        var result = Run(null, Kernels[0], Path.Join(directory, "config-missing"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file, directory or installed kernel", result.Error);
        Assert.Contains("hint: ", result.Error);
    }

    [Fact]
    public void One_kernel_alone_is_an_error_with_a_hint()
    {
        var result = Run(null, Kernels[0]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: kernel diff needs at least two kernels, got 1", result.Error);
        Assert.Contains("hint: ", result.Error);
    }
}
