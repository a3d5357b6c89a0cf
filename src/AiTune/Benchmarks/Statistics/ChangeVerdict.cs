namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The verdict on one metric, with its direction already applied: for a latency <see cref="Improved"/> means lower,
/// for a throughput higher. Every metric aitune measures is a speed, so a report may print "faster" and "slower".
/// </summary>
public enum ChangeVerdict
{
    /// <summary>The rank test did not reject "no shift", or the ratio's interval reaches into the noise band.</summary>
    NoSignificantChange,

    /// <summary>The candidate is better beyond the noise band, with significance after the many-metrics correction.</summary>
    Improved,

    /// <summary>The candidate is worse beyond the noise band, with significance after the many-metrics correction.</summary>
    Regressed,

    /// <summary>Too few runs a side for this compare to show a change at all: even runs wholly apart would not reach
    /// α after Holm's correction (<see cref="RunComparison.CanShowChange"/>). Not "no change": no evidence either way.</summary>
    Undecidable,
}
