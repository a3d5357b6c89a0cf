namespace AiTune.Knobs.Kinds;

/// <summary>Every knob kind aitune knows, one descriptor each. Code that used to branch on <see cref="KnobKind"/>
/// asks the knob's descriptor instead; a new kind is a new descriptor added here.</summary>
public static class KnobKinds
{
    /// <summary>In <see cref="KnobKind"/>'s order.</summary>
    public static readonly IReadOnlyList<KnobKindDescriptor> All =
    [
        new SysctlKind(),
        new ThpKind(),
        new CpuKind(),
        new BlockKind(),
        new CmdlineKind(),
        new HugePagesKind(),
        new SchedulerKind(),
    ];

    private static readonly Dictionary<KnobKind, KnobKindDescriptor> ByKind = All.ToDictionary(d => d.Kind);

    public static KnobKindDescriptor Of(KnobKind kind) =>
        ByKind.TryGetValue(kind, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(kind), kind, "no descriptor for this knob kind");

    public static KnobKindDescriptor Of(Knob knob) => Of(knob.Kind);

    /// <summary>The descriptor whose ids start with <paramref name="prefix"/> ("sysctl", "block.nvme"), or null.</summary>
    public static KnobKindDescriptor? ByPrefix(string prefix) =>
        All.FirstOrDefault(d => d.Prefix == prefix || prefix.StartsWith(d.Prefix + ".", StringComparison.Ordinal));

    /// <summary>Whether aitune may write the kernel file at <paramref name="canonicalHostPath"/>: some kind claims it.</summary>
    public static bool MayWrite(string canonicalHostPath) => All.Any(d => d.MayWrite(canonicalHostPath));
}
