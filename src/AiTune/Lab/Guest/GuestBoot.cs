namespace AiTune.Lab.Guest;

/// <summary>What PID 1 did before the payload, for the payload's document: the problems it met and the modules it
/// loaded.</summary>
/// <param name="MountProblems">Filesystems that could not be mounted ("debugfs on /sys/kernel/debug: ENODEV …").</param>
/// <param name="ModulesLoaded">Modules loaded from /aitune/modules, in order.</param>
/// <param name="ModulesAlreadyPresent">Listed modules the kernel already had (EEXIST).</param>
/// <param name="ResultsPort">The /dev node of the results port.</param>
public sealed record GuestBoot(
    IReadOnlyList<string> MountProblems,
    IReadOnlyList<string> ModulesLoaded,
    IReadOnlyList<string> ModulesAlreadyPresent,
    string ResultsPort);
