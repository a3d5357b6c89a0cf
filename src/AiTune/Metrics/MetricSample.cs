namespace AiTune.Metrics;

/// <summary>One series of a family: its labels, in the order they are written, and its value.</summary>
public sealed record MetricSample(IReadOnlyList<MetricLabel> Labels, double Value)
{
    /// <summary>A sample without labels.</summary>
    public static MetricSample Of(double value) => new([], value);

    /// <summary>A sample with labels given as name, value pairs.</summary>
    public static MetricSample Of(double value, params (string Name, string Value)[] labels) =>
        new(Array.ConvertAll(labels, l => new MetricLabel(l.Name, l.Value)), value);
}
