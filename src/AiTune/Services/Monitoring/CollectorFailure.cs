namespace AiTune.Services.Monitoring;

/// <summary>A collector that did not read everything it needs in the latest sample, and why.</summary>
public sealed record CollectorFailure(string Collector, IReadOnlyList<string> Notes);
