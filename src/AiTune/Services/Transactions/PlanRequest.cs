namespace AiTune.Services.Transactions;

/// <summary>What to plan (and, for apply and tune, to apply).</summary>
/// <param name="Profile">A profile, or a combination with '+'.</param>
/// <param name="Model">The model the huge pages are sized for.</param>
/// <param name="AllowIrreversible">Permit values only a reboot takes back (kernel.modules_disabled=1 …).</param>
/// <param name="MaxHugePagesSharePercent">Huge pages may hold at most this percentage of MemTotal (1 to 100).</param>
public sealed record PlanRequest(string Profile, ModelSpecification Model, bool AllowIrreversible, int MaxHugePagesSharePercent);
