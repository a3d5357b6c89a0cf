namespace AiTune.Audit;

/// <summary>How to fix a finding now and how to make the fix survive a reboot.</summary>
/// <param name="Runtime">Commands that change the running host (null when only a reboot can).</param>
/// <param name="Persistent">The persistent form: a sysctl.d line, a udev rule, a kernel parameter, with its file.</param>
public sealed record Fix(string? Runtime, string? Persistent);
