using System.Globalization;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.Text;

namespace AiTune.Services.Benchmarking;

/// <summary>The result store's use cases: compare runs, list them, show one, export and import them. Each opens the
/// database at the path given (--db), or this user's default, creating it when there is none.</summary>
public static class StoredRuns
{
    /// <summary>Opens the database at <paramref name="database"/>, or this user's default when null or empty.</summary>
    public static ResultStore Open(string? database) =>
        ResultStore.Open(database is { Length: > 0 } path ? path : ResultStorePath.Default());

    /// <summary>Two sets of stored runs compared metric by metric, each run one replicate.</summary>
    /// <param name="baseline">A run id, or several separated by commas (3,5,7).</param>
    /// <param name="candidate">The same for the candidate.</param>
    /// <param name="force">Also compare metrics whose runs measured different workloads (marked).</param>
    public static BenchmarkComparison Compare(string? database, string baseline, string candidate, ComparisonSettings settings, bool force)
    {
        using var results = Open(database);
        return BenchmarkComparison.Compare(
            Ids(baseline).Select(results.Load).ToList(),
            Ids(candidate).Select(results.Load).ToList(),
            settings, force);
    }

    /// <summary>The stored runs the query selects, newest first.</summary>
    public static StoredRunList List(string? database, RunQuery query)
    {
        using var results = Open(database);
        return new StoredRunList(results.Path, results.List(query), query != new RunQuery(query.Limit));
    }

    /// <summary>One stored run, whole.</summary>
    public static BenchmarkRun Load(string? database, long id)
    {
        using var results = Open(database);
        return results.Load(id);
    }

    /// <summary>Stored runs as one export document (the file `bench import` reads), in UTF-8.</summary>
    /// <param name="ids">The runs to export; empty for every stored run.</param>
    public static RunExport Export(string? database, IReadOnlyList<long> ids)
    {
        using var results = Open(database);
        var chosen = ids.Count > 0 ? ids.Distinct().ToList() : results.List().Select(r => r.Id).Order().ToList();
        var runs = chosen.Select(results.Load).ToList();
        return new RunExport(BenchmarkRunsDocument.Of(runs).ToUtf8Json(), runs.Count, results.Path);
    }

    /// <summary>Stores the runs of an export, checked strictly, all together or not at all, under new ids; runs already
    /// stored (imported before) are recognized and not stored twice.</summary>
    /// <param name="source">The export file, or "-" for <paramref name="standardInput"/>.</param>
    public static RunImport Import(string? database, string source, Func<Stream> standardInput)
    {
        BenchmarkRunsDocument document;
        using (var stream = source == "-" ? standardInput() : OpenFile(source))
        {
            document = BenchmarkRunsDocument.Read(stream, source);
        }

        using var results = Open(database);
        var stored = results.SaveAll(document.Runs);
        var ids = stored.Where(s => !s.AlreadyStored).Select(s => s.Id).Distinct().ToList();
        var already = stored.Where(s => s.AlreadyStored).Select(s => s.Id).Distinct().Where(id => !ids.Contains(id)).ToList();
        return new RunImport(results.Path, source, ids, already, stored.Count);
    }

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new AiTuneException($"cannot read {DisplayText.Escape(path)}: there is no such file", "give the file aitune bench export -o wrote");
        }

        return File.OpenRead(path);
    }

    private static List<long> Ids(string text)
    {
        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id <= 0)
            {
                throw new AiTuneException($"'{DisplayText.Escape(part)}' is not a run id", "run ids are the numbers aitune bench history lists; separate several with commas");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
