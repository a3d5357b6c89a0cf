namespace AiTune.Benchmarks;

/// <summary>
/// One measurement a suite makes, repeated by <see cref="BenchmarkRunner"/>: prepared once (files written, memory
/// reserved; not timed), measured repeatedly (each call is one sample of every metric), disposed at the end
/// (temporary files removed, even after Ctrl-C).
/// </summary>
public abstract class BenchmarkCase : IDisposable
{
    private readonly List<string> notes = [];
    private bool disposed;

    protected BenchmarkCase(string suite, string name, string description, IReadOnlyList<MetricDefinition> metrics)
    {
        Suite = suite;
        Name = name;
        Description = description;
        Metrics = metrics;
    }

    public string Suite { get; }

    public string Name { get; }

    public string FullName => $"{Suite}/{Name}";

    public string Description { get; }

    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>Notes gathered while preparing and measuring, each once.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Sets up what every repetition needs. Throws <see cref="AiTuneException"/> when the case cannot run
    /// on this host; the runner records the case as skipped with that message.</summary>
    public virtual void Prepare(CancellationToken cancellation)
    {
    }

    /// <summary>One repetition: writes one value per metric into <paramref name="values"/>, in the order of
    /// <see cref="Metrics"/>. Throws <see cref="OperationCanceledException"/> when cancelled mid-way.</summary>
    public abstract void Measure(Span<double> values, CancellationToken cancellation);

    /// <summary>Frees what the case holds; safe to call twice (the runner disposes each case it ran, the caller
    /// every case it created, including the ones Ctrl-C kept from running).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void Note(string note)
    {
        if (!notes.Contains(note))
        {
            notes.Add(note);
        }
    }
}
