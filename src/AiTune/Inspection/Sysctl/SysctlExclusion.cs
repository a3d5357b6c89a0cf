namespace AiTune.Inspection.Sysctl;

/// <summary>A <c>-key</c> line without '=': sysctl.d(5) "a key may be explicitly excluded from being set by any
/// matching glob patterns by specifying the key name prefixed with a - character and not followed by =".
/// systemd-sysctl stores it as an entry without a value, so it also cancels an earlier explicit assignment of
/// the same key.</summary>
/// <param name="Key">Dotted key; may itself be a glob.</param>
public sealed record SysctlExclusion(string Key, string File, int Line);
