using System.Globalization;

namespace AiTune.Tuning.Knobs;

/// <summary>What a profile expects of a knob, in the notation TuneD made familiar: a value, "&gt;=N", "&lt;=N"
/// or alternatives "a|b|c".</summary>
public sealed record Expectation(ExpectationKind Kind, IReadOnlyList<string> Values)
{
    /// <summary>Parses the notation; null with an error message when it is not valid.</summary>
    public static Expectation? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "the value is empty";
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c)))
        {
            error = "the value contains a control character (a newline could smuggle a second line into a configuration file)";
            return null;
        }

        if (trimmed.StartsWith(">=", StringComparison.Ordinal) || trimmed.StartsWith("<=", StringComparison.Ordinal))
        {
            var number = trimmed[2..].Trim();
            if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                error = $"'{trimmed}': a bound must be an integer";
                return null;
            }

            return new Expectation(trimmed[0] == '>' ? ExpectationKind.AtLeast : ExpectationKind.AtMost, [number]);
        }

        if (trimmed.Contains('|'))
        {
            var options = trimmed.Split('|').Select(o => Normalize(o)).ToList();
            if (options.Any(o => o.Length == 0))
            {
                error = $"'{trimmed}': an alternative is empty";
                return null;
            }

            return new Expectation(ExpectationKind.AnyOf, options);
        }

        return new Expectation(ExpectationKind.Exact, [Normalize(trimmed)]);
    }

    public static Expectation Parse(string text) =>
        TryParse(text, out var error) ?? throw new ArgumentException(error, nameof(text));

    public bool IsSatisfiedBy(string current)
    {
        var value = Normalize(current);
        return Kind switch
        {
            ExpectationKind.AtLeast => TryNumber(value, out var n) && n >= Bound,
            ExpectationKind.AtMost => TryNumber(value, out var n) && n <= Bound,
            _ => Values.Any(v => SameValue(v, value)),
        };
    }

    /// <summary>The value to write to satisfy this expectation.</summary>
    public string Target => Values[0];

    private long Bound => long.Parse(Values[0], CultureInfo.InvariantCulture);

    public override string ToString() => Kind switch
    {
        ExpectationKind.AtLeast => $">= {Values[0]}",
        ExpectationKind.AtMost => $"<= {Values[0]}",
        ExpectationKind.AnyOf => string.Join(" or ", Values),
        _ => Values[0],
    };

    private static bool SameValue(string expected, string current) =>
        TryNumber(expected, out var a) && TryNumber(current, out var b) ? a == b : string.Equals(expected, current, StringComparison.Ordinal);

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
