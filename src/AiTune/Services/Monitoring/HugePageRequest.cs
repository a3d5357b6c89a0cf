namespace AiTune.Services.Monitoring;

/// <summary>What the configuration asks for at boot for one page size (source: cmdline, sysctl, profile), to set
/// beside the pool.</summary>
public sealed record HugePageRequest(long PageSizeBytes, string Source, double Pages);
