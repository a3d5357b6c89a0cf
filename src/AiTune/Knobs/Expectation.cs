using System.Globalization;

namespace AiTune.Knobs;

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
            ExpectationKind.Between => TryNumber(value, out var n) && n >= Bound && n <= UpperBound,
            _ => Values.Any(v => SameValue(v, value)),
        };
    }

    /// <summary>The value to write to satisfy this expectation.</summary>
    public string Target => Values[0];

    /// <summary>The expectation in the profile language, which <see cref="Parse"/> reads back to an equal
    /// expectation: "&gt;=4096", "&lt;=10", "none|mq-deadline", "performance". A <see cref="ExpectationKind.Between"/>
    /// exists only where two profiles are combined, and the language has no notation for it.</summary>
    public string Notation => Kind switch
    {
        ExpectationKind.AtLeast => ">=" + Values[0],
        ExpectationKind.AtMost => "<=" + Values[0],
        ExpectationKind.AnyOf => string.Join('|', Values),
        ExpectationKind.Exact => Values[0],
        _ => throw new InvalidOperationException("a combined range has no notation in the profile language"),
    };

    /// <summary>What satisfies both this expectation and <paramref name="other"/>, or null when no value can:
    /// "madvise" and "always|madvise" give "madvise", "&gt;=10" and "&gt;=20" give "&gt;=20", "&gt;=4" and "&lt;=8" give
    /// the range 4 to 8, "0" and "&gt;=1" give null. Where both list values, this expectation's order of preference
    /// is kept.</summary>
    public Expectation? Intersect(Expectation other)
    {
        if (IsValueList || other.IsValueList)
        {
            var (list, filter) = IsValueList ? (this, other) : (other, this);
            var kept = list.Values.Where(filter.IsSatisfiedBy).ToList();
            return kept.Count switch
            {
                0 => null,
                1 => new Expectation(ExpectationKind.Exact, kept),
                _ => new Expectation(ExpectationKind.AnyOf, kept),
            };
        }

        long? low = Max(LowerOrNull, other.LowerOrNull);
        long? high = Min(UpperOrNull, other.UpperOrNull);
        if (low is { } l && high is { } h)
        {
            return l > h ? null
                : l == h ? new Expectation(ExpectationKind.Exact, [Text(l)])
                : new Expectation(ExpectationKind.Between, [Text(l), Text(h)]);
        }

        return low is { } least ? new Expectation(ExpectationKind.AtLeast, [Text(least)]) : new Expectation(ExpectationKind.AtMost, [Text(high!.Value)]);

        static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
        static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
        static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
    }

    private bool IsValueList => Kind is ExpectationKind.Exact or ExpectationKind.AnyOf;

    private long? LowerOrNull => Kind is ExpectationKind.AtLeast or ExpectationKind.Between ? Bound : null;

    private long? UpperOrNull => Kind switch
    {
        ExpectationKind.AtMost => Bound,
        ExpectationKind.Between => UpperBound,
        _ => null,
    };

    private long Bound => long.Parse(Values[0], CultureInfo.InvariantCulture);

    private long UpperBound => long.Parse(Values[1], CultureInfo.InvariantCulture);

    public override string ToString() => Kind switch
    {
        ExpectationKind.AtLeast => $">= {Values[0]}",
        ExpectationKind.AtMost => $"<= {Values[0]}",
        ExpectationKind.Between => $">= {Values[0]} and <= {Values[1]}",
        ExpectationKind.AnyOf => string.Join(" or ", Values),
        _ => Values[0],
    };

    /// <summary>Records compare lists by reference; two expectations are equal when they say the same.</summary>
    public bool Equals(Expectation? other) => other is not null && Kind == other.Kind && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Kind, Values.Count > 0 ? Values[0] : "");

    private static bool SameValue(string expected, string current) =>
        TryNumber(expected, out var a) && TryNumber(current, out var b) ? a == b : string.Equals(expected, current, StringComparison.Ordinal);

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
