namespace AiTune.Inspection.Sysctl;

/// <summary>The key a misspelt sysctl most likely meant: the kernel's key at the smallest edit distance
/// (insertions, deletions, substitutions and swaps of two neighbours each count one), when it is close enough to be
/// a typo rather than another key altogether.</summary>
public static class SysctlKeySuggestion
{
    /// <summary>The closest of <paramref name="keys"/> to <paramref name="key"/>, or null when none is within a
    /// third of the key's length (at most 4 edits); ties go to the first in ordinal order.</summary>
    public static string? Closest(string key, IEnumerable<string> keys)
    {
        int limit = Math.Min(4, Math.Max(1, key.Length / 3));
        string? best = null;
        int bestDistance = limit + 1;
        foreach (var candidate in keys.Order(StringComparer.Ordinal))
        {
            if (Math.Abs(candidate.Length - key.Length) >= bestDistance || candidate == key)
            {
                continue;
            }

            int distance = Distance(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring).</summary>
    public static int Distance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
