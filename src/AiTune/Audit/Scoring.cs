using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>Turns findings into a 0–100 readiness score. Each judged rule weighs by severity (critical 10,
/// high 5, medium 3, low 1, info 0); a pass earns its weight, a warning half, a failure nothing. Rules that
/// do not apply or could not be judged are left out rather than guessed.</summary>
public static class Scoring
{
    public static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 10,
        Severity.High => 5,
        Severity.Medium => 3,
        Severity.Low => 1,
        _ => 0,
    };

    public static int Score(IEnumerable<Finding> findings)
    {
        double earned = 0;
        double possible = 0;
        foreach (var finding in findings)
        {
            if (finding.Status is FindingStatus.NotApplicable or FindingStatus.Unknown)
            {
                continue;
            }

            int weight = Weight(finding.Severity);
            possible += weight;
            earned += finding.Status switch
            {
                FindingStatus.Pass => weight,
                FindingStatus.Warn => weight / 2.0,
                _ => 0,
            };
        }

        return possible == 0 ? 100 : (int)Math.Round(100 * earned / possible, MidpointRounding.AwayFromZero);
    }
}
