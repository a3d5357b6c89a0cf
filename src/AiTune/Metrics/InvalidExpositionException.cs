namespace AiTune.Metrics;

/// <summary>A set of families that would be a wrong exposition: a duplicate series, a family declared twice, a
/// name or label name the format does not allow. A programming error in a collector, never the host's doing (host
/// text only ever reaches label values and HELP, which are escaped).</summary>
public sealed class InvalidExpositionException(string message) : Exception(message);
