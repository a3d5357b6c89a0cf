namespace AiTune.Services.Lab;

/// <summary>One kernel's snapshot, taken inside its lab guest.</summary>
/// <param name="Path">The archive written (RELEASE.tar.gz in the output directory).</param>
/// <param name="Attempts">1, or 2 when the first boot failed and was retried.</param>
public sealed record LabSnapshot(string Release, string Origin, string Path, long SizeBytes, string Clocksource, int Attempts);
