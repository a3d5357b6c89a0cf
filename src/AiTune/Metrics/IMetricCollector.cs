namespace AiTune.Metrics;

/// <summary>One subsystem's families, as node_exporter has one collector per subsystem: run by the
/// <see cref="CollectorRegistry"/>, which times it and reports its success beside its families.</summary>
public interface IMetricCollector
{
    /// <summary>The value of the collector label (kernel, hugepages, audit …): lower case, stable.</summary>
    string Name { get; }

    /// <summary>Adds the families to <paramref name="output"/>, and says there what could not be read. May throw: the
    /// registry then drops what this collector added and reports it failed, and the scrape goes on.</summary>
    void Collect(CollectorOutput output);
}
