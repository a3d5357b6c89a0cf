namespace AiTune.Benchmarks;

/// <summary>
/// One measurement a suite makes, repeated by <see cref="BenchmarkRunner"/>: prepared once (files written, memory
/// reserved; not timed), measured repeatedly (each call is one sample of every metric), disposed at the end
/// (temporary files removed, even after Ctrl-C).
/// </summary>
public abstract class BenchmarkCase : IDisposable
{
    private readonly List<string> notes = [];
    private readonly List<KeyValuePair<string, string>> parameters = [];
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

    /// <summary>The workload as data ("strategy" = "direct", "queue-depth" = "32", "model-bytes" = "268435456"), in
    /// the order declared: what has to be equal for two runs of this case to measure the same thing. Compare refuses
    /// a metric whose runs disagree here. Declared in the constructor, or in <see cref="Prepare"/> where only the
    /// host tells (the size of a model file, the arrays sized to the last-level cache).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => parameters;

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

    /// <summary>Declares (or, in <see cref="Prepare"/>, settles) one workload parameter.</summary>
    protected void Parameter(string name, string value)
    {
        int index = parameters.FindIndex(p => p.Key == name);
        if (index >= 0)
        {
            parameters[index] = new(name, value);
        }
        else
        {
            parameters.Add(new(name, value));
        }
    }

    protected void Parameter(string name, long value) => Parameter(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected void Note(string note)
    {
        if (!notes.Contains(note))
        {
            notes.Add(note);
        }
    }
}
