namespace AiTune.Lab.Guest;

/// <summary>One filesystem PID 1 mounts.</summary>
/// <param name="Source">The mount source (the filesystem type's name, by convention).</param>
/// <param name="Target">Where.</param>
/// <param name="Type">The filesystem type.</param>
/// <param name="Flags">MS_* flags.</param>
/// <param name="Data">Filesystem options, or null.</param>
/// <param name="Required">Whether the guest cannot go on without it.</param>
public sealed record GuestMount(string Source, string Target, string Type, ulong Flags, string? Data, bool Required);
