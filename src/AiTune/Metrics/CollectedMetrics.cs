namespace AiTune.Metrics;

/// <summary>One scrape's result: every family, sorted by name (as client_golang gathers them), and how each
/// collector ran.</summary>
public sealed record CollectedMetrics(IReadOnlyList<MetricFamily> Families, IReadOnlyList<CollectorRun> Runs)
{
    /// <summary>The notes of every collector as "collector NAME: …" lines: comments in the Prometheus text format,
    /// for a person reading the textfile.</summary>
    public IReadOnlyList<string> Comments =>
        Runs.SelectMany(r => r.Notes.Select(n => $"collector {r.Name}{(r.Success ? "" : " failed")}: {n}")).ToList();

    /// <summary>The exposition in <paramref name="format"/>: what a scrape returns, with
    /// <see cref="ExpositionWriter.ContentType"/> as its Content-Type.</summary>
    /// <remarks>Only <see cref="CollectorRegistry"/> makes a collection, after <see cref="SeriesCheck"/> has checked each
    /// collector's families and the declarations of all together: the families are not checked a second time.</remarks>
    public string Write(ExpositionFormat format) => ExpositionWriter.WriteChecked(Families, format, Comments);

    /// <summary>The exposition in UTF-8 (no byte order mark), as a scrape or a textfile carries it.</summary>
    public ReadOnlyMemory<byte> WriteUtf8(ExpositionFormat format) => ExpositionWriter.WriteCheckedUtf8(Families, format, Comments);
}
