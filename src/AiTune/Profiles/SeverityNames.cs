namespace AiTune.Profiles;

/// <summary>The severities by name, as profiles, JSON documents and metric labels spell them ("high"), without the
/// enum reflection that NativeAOT does on the first ToString or Parse of an enum type (a tenth of a millisecond per
/// type, in every run). SeverityNamesTests hold them to the enum.</summary>
public static class SeverityNames
{
    /// <summary>Every severity, least severe first.</summary>
    public static IReadOnlyList<Severity> All { get; } = [Severity.Info, Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    /// <summary>A severity's name, in any case ("high", "High").</summary>
    public static bool TryParse(string text, out Severity severity)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text, Of(candidate), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }
}
