using System.Text;
using System.Text.Json.Nodes;
using AiTune.Benchmarks.Store;

namespace AiTune.Tests.Benchmarks.Store;

public class BenchmarkRunsDocumentTests
{
    [Fact]
    public void Export_then_import_gives_the_same_runs_under_new_ids()
    {
        using var scratch = new ScratchDirectory();
        using var source = ResultStore.Open(scratch.File("source.db"));
        source.Save(ResultStoreTests.Simple("unrelated"));
        var ids = source.SaveAll([BenchmarkRunSamples.Realistic(), ResultStoreTests.Simple("after")]).Select(s => s.Id).ToList();
        var exported = ids.Select(source.Load).ToList();
        var json = BenchmarkRunsDocument.Of(exported).ToUtf8Json();

        using var target = ResultStore.Open(scratch.File("target.db"));
        target.Save(ResultStoreTests.Simple("already here"));
        var document = BenchmarkRunsDocument.Read(new MemoryStream(json), "runs.json");
        var imported = target.SaveAll(document.Runs).Select(s => s.Id).ToList();

        Assert.Equal([2L, 3L], imported);
        Assert.Equal([2L, 3L], ids);
        for (int i = 0; i < exported.Count; i++)
        {
            RunAssert.Equal(exported[i], target.Load(imported[i]), ignoreId: true);
        }
    }

    [Fact]
    public void The_export_is_indented_camel_case_json_with_enums_as_names()
    {
        var text = Encoding.UTF8.GetString(BenchmarkRunsDocument.Of([BenchmarkRunSamples.Realistic()]).ToUtf8Json());
        var root = JsonNode.Parse(text)!;

        Assert.Equal(2, (int)root["schemaVersion"]!);
        Assert.Equal("aitune", (string)root["tool"]!);
        var run = root["runs"]![0]!;
        Assert.Equal("skipped", (string)run["cases"]![1]!["outcome"]!);
        Assert.Equal("higherIsBetter", (string)run["cases"]![0]!["metrics"]![0]!["direction"]!);
        Assert.Equal("2025-03-14T09:26:53.5358979+01:00", (string)run["startedAt"]!);
        Assert.Null(run["cases"]![0]!["fullName"]);
        Assert.Contains("\n  \"runs\": [", text);
        Assert.Contains("før tuning — 6.8 ✓", text);
    }

    public static TheoryData<string, string, string> Broken() => new()
    {
        { "schemaVersion", "3", "schema version 3; this aitune reads versions 1 to 2" },
        { "schemaVersion", "0", "schema version 0, which no aitune wrote" },
        { "schemaVersion", "\"1\"", "no schemaVersion number" },
        { "tool", "\"other\"", "its \"tool\" is not \"aitune\"" },
        { "runs", "null", "not a valid export" },
        { "runs/0/label", "\"two\\nlines\"", "U+000A" },
        { "runs/0/label", "\"\\u001b[31mred\"", "U+001B" },
        { "runs/0/label", "\"right\\u202eto left\"", "U+202E" },
        { "runs/0/label", "\"\"", "the label is empty" },
        { "runs/0/label", "\"" + new string('x', 129) + "\"", "129 characters long" },
        { "runs/0/cases/0/notes/0", "\"a\\rb\"", "U+000D" },
        { "runs/0/environment/hostname", "\"" + new string('h', 300) + "\"", "environment.hostname is 300 characters" },
        { "runs/0/cases/0/metrics/0/samples/2", "-1", "sample 3 is -1, not a positive number" },
        { "runs/0/cases/0/metrics/0/samples/2", "0", "sample 3 is 0, not a positive number" },
        { "runs/0/cases/0/metrics/0/samples/2", "1e999", "sample 3 is Infinity, not a positive number" },
        { "runs/0/cases/0/metrics/0/samples/2", "\"NaN\"", "not a valid export" },
        { "runs/0/cases/0/metrics/0/samples/2", "null", "not a valid export" },
        { "runs/0/cases/0/outcome", "\"exploded\"", "not a valid export" },
        { "runs/0/cases/0/outcome", "0", "not a valid export" },
        { "runs/0/cases/1/outcome", "\"targetMet\"", "ran to its end" },
        { "runs/0/cases/1/reason", "null", "is skipped, yet has samples or no reason" },
        { "runs/0/cases/0/metrics/1/name", "\"throughput\"", "the metric throughput appears twice" },
        { "runs/0/cases/2/name", "\"read/4k\"", "the case model-load/read/4k appears twice" },
        { "runs/0/cases/0/suite", "\"disk\"", "belongs to a suite the run does not name" },
        { "runs/0/suites/1", "\"Memory Suite\"", "is not lower-case letters" },
        { "runs/0/finishedAt", "\"2020-01-01T00:00:00Z\"", "before it started" },
        { "runs/0/startedAt", "\"yesterday\"", "not a valid export" },
        { "runs/0/settings/maximumCount", "2", "are not 1 ≤ minimum ≤ maximum" },
        { "runs/0/environment/logicalCpus", "0", "a CPU, memory, NUMA node or GPU count" },
        { "runs/0/environment/vectorBits", "100", "100 is not a vector width" },
        { "runs/0/environment/vectorBits", "\"256\"", "not a valid export" },
        { "runs/0/environment", "null", "not a valid export" },
        { "runs/0/cases/0", "null", "case 1 is null" },
        { "runs/0/suites/0", "null", "the suite name null" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_export_is_refused_with_the_place_it_went_wrong(string pointer, string json, string message)
    {
        var root = ValidDocument();
        Set(root, pointer, JsonNode.Parse(json));

        var error = Assert.Throws<AiTuneException>(() => Parse(root.ToJsonString()));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("runs/0", "extra")]
    [InlineData("runs/0/cases/0", "name ")]
    [InlineData("runs/0/environment", "kernelConfig")]
    [InlineData("", "comment")]
    public void An_unknown_property_is_refused(string pointer, string property)
    {
        var root = ValidDocument();
        Node(root, pointer)[property] = "x";

        var error = Assert.Throws<AiTuneException>(() => Parse(root.ToJsonString()));
        Assert.Contains("not a valid export", error.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("128", 128)]
    [InlineData("256", 256)]
    public void The_vector_width_is_read_and_may_be_missing_from_runs_stored_before_it_was_recorded(string? json, int? expected)
    {
        var root = ValidDocument();
        var environment = Node(root, "runs/0/environment").AsObject();
        environment.Remove("vectorBits");
        if (json is not null)
        {
            environment["vectorBits"] = JsonNode.Parse(json);
        }

        Assert.Equal(expected, Parse(root.ToJsonString()).Runs[0].Environment.VectorBits);
    }

    [Theory]
    [InlineData("runs/0", "label")]
    [InlineData("runs/0/cases/0", "reason")]
    [InlineData("runs/0/environment", "gpus")]
    [InlineData("runs/0/cases/0/metrics/0", "samples")]
    public void A_missing_property_is_refused_even_where_null_is_allowed(string pointer, string property)
    {
        var root = ValidDocument();
        Node(root, pointer).AsObject().Remove(property);

        var error = Assert.Throws<AiTuneException>(() => Parse(root.ToJsonString()));
        Assert.Contains("not a valid export", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        var root = ValidDocument();
        root["runs"]![0]!["label"] = "LONE";
        var text = root.ToJsonString().Replace("\"LONE\"", "\"\\ud800 lone\"", StringComparison.Ordinal);
        var error = Assert.Throws<AiTuneException>(() => Parse(text));
        Assert.Contains("not a valid export", error.Message);
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        var text = ValidDocument().ToJsonString().Replace("\"label\":", "\"label\":\"first\",\"label\":", StringComparison.Ordinal);
        var error = Assert.Throws<AiTuneException>(() => Parse(text));
        Assert.Contains("not a valid export", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("\"runs\"")]
    public void Something_other_than_an_export_object_is_refused(string text)
    {
        var error = Assert.Throws<AiTuneException>(() => Parse(text));
        Assert.Contains("runs.json", error.Message);
        Assert.Contains("nothing was imported", error.Hint);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_before_it_is_parsed()
    {
        var error = Assert.Throws<AiTuneException>(() => BenchmarkRunsDocument.Read(new EndlessStream(), "/dev/zero"));
        Assert.Contains("larger than 256 MiB", error.Message);
    }

    [Fact]
    public void The_label_the_command_line_gives_is_checked_before_a_run_starts()
    {
        RunValidator.CheckLabel(null);
        RunValidator.CheckLabel("6.12 lts, THP madvise");
        var error = Assert.Throws<AiTuneException>(() => RunValidator.CheckLabel("a\tb"));
        Assert.Contains("U+0009", error.Message);
        Assert.Contains("printable", error.Hint);
    }

    internal static JsonNode ValidDocument() =>
        JsonNode.Parse(BenchmarkRunsDocument.Of([BenchmarkRunSamples.Realistic()]).ToUtf8Json())!;

    private static BenchmarkRunsDocument Parse(string text) => BenchmarkRunsDocument.Parse(Encoding.UTF8.GetBytes(text), "runs.json");

    private static JsonNode Node(JsonNode root, string pointer) =>
        pointer.Length == 0 ? root : pointer.Split('/').Aggregate(root, (node, part) => int.TryParse(part, out int i) ? node[i]! : node[part]!);

    private static void Set(JsonNode root, string pointer, JsonNode? value)
    {
        int slash = pointer.LastIndexOf('/');
        var parent = slash < 0 ? root : Node(root, pointer[..slash]);
        var last = pointer[(slash + 1)..];
        if (int.TryParse(last, out int index))
        {
            parent[index] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    /// <summary>Zeros without end, like /dev/zero.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            return count;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
