namespace AiTune.Inspection.Memory;

/// <summary>One line of limits.conf (pam_limits): <c>domain type item value</c>.</summary>
/// <param name="Domain">user, @group, * …</param>
/// <param name="Type">soft, hard or - (both).</param>
/// <param name="Value">KiB for memlock; null means unlimited/infinity.</param>
public sealed record LimitsEntry(string Domain, string Type, string Item, long? Value, string File, int Line);
