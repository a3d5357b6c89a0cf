namespace AiTune.Serialization;

/// <summary>One boot of `lab boot --json`; the guest's fields are null for a failed boot.</summary>
public sealed record LabBootEntry(string Kernel, string Release, int Round, double WallSeconds, double? GuestSeconds, string? Failure, IReadOnlyList<string> ConsoleTail,
    string? Version, string? Clocksource, string? CommandLine, int? Cpus, long? MemTotalKb, IReadOnlyList<string>? ModulesLoaded);
