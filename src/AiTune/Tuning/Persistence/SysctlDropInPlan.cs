using AiTune.Knobs.Persistence;

namespace AiTune.Tuning.Persistence;

/// <summary>Where aitune's sysctl.d file goes and what it wins and loses against at boot.</summary>
/// <param name="FileName">"61-aitune.conf".</param>
/// <param name="Path">"/etc/sysctl.d/61-aitune.conf".</param>
/// <param name="Settings">The validated settings, sorted by key: the lines the file will hold.</param>
/// <param name="Beats">Lines of files applied before ours that assign, glob-match or exclude our keys: aitune's
/// file overrides them at boot. In order of key, then applied order.</param>
/// <param name="OverriddenBy">Lines of files applied after ours (no free NN from 10 to 99 comes after them, or
/// the file is /etc/sysctl.conf, which procps applies last): they win over aitune at boot. Empty when every key
/// persists as applied.</param>
public sealed record SysctlDropInPlan(
    string FileName,
    string Path,
    IReadOnlyList<(string Key, string Value)> Settings,
    IReadOnlyList<SysctlRival> Beats,
    IReadOnlyList<SysctlRival> OverriddenBy);
