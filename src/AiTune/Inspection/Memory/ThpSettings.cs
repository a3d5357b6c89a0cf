using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>Transparent huge page settings (/sys/kernel/mm/transparent_hugepage).</summary>
/// <param name="Enabled">The active mode: always, madvise, never.</param>
/// <param name="EnabledOptions">The modes this kernel offers.</param>
/// <param name="Defrag">always, defer, defer+madvise, madvise, never.</param>
/// <param name="DefragOptions">The defrag modes this kernel offers.</param>
/// <param name="KhugepagedDefrag">khugepaged/defrag: 1 lets khugepaged compact to collapse pages.</param>
/// <param name="ShmemEnabled">shmem_enabled (always, within_size, advise, never, deny, force).</param>
public sealed record ThpSettings(
    Fact<string> Enabled,
    IReadOnlyList<string> EnabledOptions,
    Fact<string> Defrag,
    IReadOnlyList<string> DefragOptions,
    Fact<long> KhugepagedDefrag,
    Fact<string> ShmemEnabled);
