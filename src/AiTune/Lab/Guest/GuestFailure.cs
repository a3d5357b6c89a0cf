namespace AiTune.Lab.Guest;

/// <summary>The error document a guest sends when its payload (or PID 1's own set-up) failed.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Error">What went wrong, in plain words.</param>
/// <param name="Hint">What to do about it, when aitune knows.</param>
/// <param name="Type">The exception's type, for a bug report.</param>
/// <param name="Stage">Where it failed: "mounts", "modules", "settings", "payload".</param>
public sealed record GuestFailure(int SchemaVersion, string Error, string? Hint, string Type, string Stage);
