namespace AiTune.Metrics;

/// <summary>One label of a sample. The value is any text the host gives (a device model may hold quotes, backslashes
/// or newlines): the writer escapes it, nothing upstream needs to.</summary>
public readonly record struct MetricLabel(string Name, string Value);
