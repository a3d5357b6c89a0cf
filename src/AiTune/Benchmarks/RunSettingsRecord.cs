namespace AiTune.Benchmarks;

/// <summary>The settings a run used, as stored with it (a quick run's verdicts deserve less trust).</summary>
public sealed record RunSettingsRecord(bool Quick, int WarmupCount, int MinimumCount, int MaximumCount, double TargetRelativeHalfWidth, double CaseBudgetSeconds)
{
    public static RunSettingsRecord Of(RunSettings settings) => new(settings.Quick, settings.WarmupCount, settings.Repetition.MinimumCount,
        settings.Repetition.MaximumCount, settings.Repetition.TargetRelativeHalfWidth, settings.CaseBudget.TotalSeconds);
}
