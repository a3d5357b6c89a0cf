namespace AiTune.Inspection.Kernel;

/// <summary>A kernel build configuration (.config), parsed.</summary>
/// <param name="Options">Every option, by name with the CONFIG_ prefix; "# CONFIG_X is not set" maps to "n";
/// string values without their quotes.</param>
/// <param name="MalformedOptions">Options whose line names them but is not in Kconfig's format: their value is
/// unknown, not "n".</param>
/// <param name="MalformedLines">Lines that are neither an option, a comment nor blank.</param>
public sealed record KernelConfigFile(
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<string> MalformedOptions,
    int MalformedLines);
