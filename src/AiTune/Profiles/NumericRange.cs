using System.Globalization;

namespace AiTune.Profiles;

/// <summary>A range over dotted numbers, as a condition states it: "&gt;=5.13", "&lt;6.6", "&gt;=5.15,&lt;6.1" for kernel
/// versions, "&gt;=2" or "1" for a count. Every bound must hold. A bare number matches by prefix ("6.8" is any 6.8.x),
/// so an exact count is simply "2".</summary>
public sealed record NumericRange(IReadOnlyList<NumericBound> Bounds, string Text)
{
    /// <summary>Parses the notation; null with an error message when it is not valid.</summary>
    /// <param name="maxComponents">3 for kernel versions, 1 for counts.</param>
    public static NumericRange? TryParse(string text, int maxComponents, out string? error)
    {
        error = null;
        var bounds = new List<NumericBound>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var op = part.StartsWith(">=", StringComparison.Ordinal) ? ">="
                : part.StartsWith("<=", StringComparison.Ordinal) ? "<="
                : part.StartsWith('>') ? ">"
                : part.StartsWith('<') ? "<"
                : part.StartsWith('=') ? "="
                : "";
            var number = part[op.Length..].Trim();
            var components = ParseComponents(number, maxComponents);
            if (components is null)
            {
                error = $"'{part}' is not {(maxComponents == 1 ? "a count" : "a version")} with an optional >=, <=, >, < or =" +
                    (maxComponents == 1 ? "" : $" (at most {maxComponents} dotted numbers)");
                return null;
            }

            bounds.Add(new NumericBound(op.Length == 0 ? "=" : op, components));
        }

        return new NumericRange(bounds, string.Join(",", bounds));
    }

    public bool Contains(IReadOnlyList<int> value) => Bounds.All(b => b.Admits(value));

    /// <summary>The leading dotted number of a text ("6.8.0-51-generic" → 6.8.0); null when it starts with none.</summary>
    public static IReadOnlyList<int>? LeadingNumbers(string text, int maxComponents)
    {
        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        var dotted = string.Join('.', text[..end].Split('.', StringSplitOptions.RemoveEmptyEntries).Take(maxComponents));
        return ParseComponents(dotted, maxComponents);
    }

    public override string ToString() => Text;

    private static int[]? ParseComponents(string text, int maxComponents)
    {
        var parts = text.Split('.');
        if (parts.Length > maxComponents || parts.Any(p => p.Length is 0 or > 6 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    }
}
