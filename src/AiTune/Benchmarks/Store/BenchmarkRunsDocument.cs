using System.Text.Json;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Benchmarks.Store;

/// <summary>
/// `aitune bench export`, and `aitune bench SUITE --json`: runs as JSON, to move them between machines
/// (docs/schemas/bench-runs.schema.json). Import reads it strictly: an unknown or missing property, a wrong type, a
/// newer schema, a string with a control character, a sample that is not a positive number: the file is refused
/// whole, with the place it went wrong.
/// </summary>
/// <param name="Runs">Each with the id it has in the database it was exported from; import gives new ids.</param>
/// <param name="Metrics">Only in what `bench SUITE --json` prints: each metric summarized. Derived from the samples,
/// so import ignores it.</param>
public sealed record BenchmarkRunsDocument(
    int SchemaVersion,
    string Tool,
    IReadOnlyList<BenchmarkRun> Runs,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<MetricSummary>? Metrics = null)
{
    /// <summary>2 added each run's uid and load and each case's parameters. Import reads version 1 too: its runs
    /// get derived identities (<see cref="RunIdentity"/>) and no load or parameters.</summary>
    public const int CurrentSchemaVersion = 2;

    public const string ToolName = "aitune";

    /// <summary>A bound on what import reads into memory: far above any real export (a run of every suite is a
    /// few hundred kilobytes).</summary>
    public const int MaxBytes = 256 << 20;

    public const int MaxRuns = 10_000;

    private const string Hint = "the file is not an export of aitune bench (aitune bench export -o FILE); nothing was imported";

    public static BenchmarkRunsDocument Of(IReadOnlyList<BenchmarkRun> runs) => new(CurrentSchemaVersion, ToolName, runs);

    /// <summary>One fresh run with its metrics summarized, as `bench SUITE --json` prints it.</summary>
    public static BenchmarkRunsDocument Summarized(BenchmarkRun run) => new(CurrentSchemaVersion, ToolName, [run], MetricSummary.Of(run));

    /// <summary>The document indented, as export writes it.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, StoreJsonContext.Readable.BenchmarkRunsDocument);

    /// <summary>Reads a whole export from <paramref name="stream"/>, at most <see cref="MaxBytes"/>.</summary>
    public static BenchmarkRunsDocument Read(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new AiTuneException($"{DisplayText.Escape(source)} is larger than {MaxBytes >> 20} MiB", Hint);
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), source);
    }

    /// <summary>The document in <paramref name="utf8Json"/>, every run checked (<see cref="RunValidator"/>).
    /// <paramref name="source"/> names it in errors.</summary>
    public static BenchmarkRunsDocument Parse(ReadOnlyMemory<byte> utf8Json, string source)
    {
        var name = DisplayText.Escape(source);
        BenchmarkRunsDocument? document;
        try
        {
            using var json = JsonDocument.Parse(utf8Json);
            CheckVersion(json.RootElement, name);
            document = json.RootElement.Deserialize(StoreJson.Strict.BenchmarkRunsDocument);
        }
        catch (JsonException e)
        {
            throw new AiTuneException($"{name} is not a valid export of aitune runs: {FileErrors.Describe(e)}", Hint);
        }

        if (document is null || document.Tool != ToolName)
        {
            throw new AiTuneException($"{name} is not an export of aitune runs (its \"tool\" is not \"{ToolName}\")", Hint);
        }

        if (document.Runs.Count > MaxRuns)
        {
            throw new AiTuneException($"{name} holds {document.Runs.Count} runs, more than {MaxRuns}", "export and import fewer runs at a time");
        }

        for (int i = 0; i < document.Runs.Count; i++)
        {
            RunValidator.Check(document.Runs[i], $"{name}: run {i + 1}", Hint);
        }

        return document;
    }

    /// <summary>A newer aitune may add properties that this one would call unknown: the version is read first so
    /// the error says what is actually wrong.</summary>
    private static void CheckVersion(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AiTuneException($"{name} is not an export of aitune runs (it is not a JSON object)", Hint);
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number))
        {
            throw new AiTuneException($"{name} is not an export of aitune runs (no schemaVersion number)", Hint);
        }

        if (number > CurrentSchemaVersion)
        {
            throw new AiTuneException($"{name} has schema version {number}; this aitune reads versions 1 to {CurrentSchemaVersion}",
                "import it with the aitune that exported it or a newer one");
        }

        if (number < 1)
        {
            throw new AiTuneException($"{name} has schema version {number}, which no aitune wrote", Hint);
        }
    }
}
