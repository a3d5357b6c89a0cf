namespace AiTune.Knobs.Kinds;

/// <summary>How to set a knob: <paramref name="Runtime"/> now (null when only a reboot can), <paramref name="Persistent"/>
/// for every boot after. The audit turns it into its Fix; it lives here so the descriptor that knows the files writes it.</summary>
public sealed record KnobFix(string? Runtime, string? Persistent);
