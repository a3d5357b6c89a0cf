namespace AiTune.Tuning.Planning;

/// <param name="AllowIrreversible">Permit values the kernel will not take back until reboot (kernel.modules_disabled=1 …).</param>
/// <param name="MaxHugePagesShare">Huge pages may hold at most this share of MemTotal (0..1).</param>
public sealed record PlanOptions(bool AllowIrreversible = false, double MaxHugePagesShare = Profiles.ModelSizing.DefaultMaxHugePagesShare);
