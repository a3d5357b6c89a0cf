namespace AiTune.Metrics;

/// <summary>A collector made of a name and a function: for collectors whose input exists only once an earlier
/// collector has run (the host's facts, read by the first).</summary>
public sealed class DelegateCollector(string name, Action<CollectorOutput> collect) : IMetricCollector
{
    public string Name => name;

    public void Collect(CollectorOutput output) => collect(output);
}
