namespace AiTune.Profiles;

/// <summary>One bound of a <see cref="NumericRange"/>: an operator (&gt;=, &lt;=, &gt;, &lt;, =) and a dotted number.</summary>
public sealed record NumericBound(string Operator, IReadOnlyList<int> Number)
{
    public bool Admits(IReadOnlyList<int> value)
    {
        if (Operator == "=")
        {
            // "6.8" names the 6.8 series: compare only the components the bound gives.
            return Number.Select((n, i) => i < value.Count ? value[i] == n : n == 0).All(x => x);
        }

        int order = Compare(value, Number);
        return Operator switch
        {
            ">=" => order >= 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order < 0,
        };
    }

    public override string ToString() => (Operator == "=" ? "" : Operator) + string.Join('.', Number);

    /// <summary>Compares dotted numbers with missing components as 0 (5.13 = 5.13.0).</summary>
    private static int Compare(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            int x = i < a.Count ? a[i] : 0;
            int y = i < b.Count ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}
