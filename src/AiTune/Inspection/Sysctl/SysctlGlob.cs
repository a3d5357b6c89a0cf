namespace AiTune.Inspection.Sysctl;

/// <summary>The glob(7) patterns systemd-sysctl expands under /proc/sys ("net.ipv4.conf.*.rp_filter"): '*', '?'
/// and bracket expressions, matched component by component, so a wildcard never crosses a separator.</summary>
public static class SysctlGlob
{
    public static bool IsGlob(string key) => key.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    /// <summary>Whether the dotted <paramref name="key"/> is one of the keys the dotted <paramref name="pattern"/> expands to.</summary>
    public static bool Matches(string pattern, string key)
    {
        var patternParts = SysctlKey.Swap(pattern).Split('/');
        var keyParts = SysctlKey.Swap(key).Split('/');
        if (patternParts.Length != keyParts.Length)
        {
            return false;
        }

        for (int i = 0; i < patternParts.Length; i++)
        {
            if (!MatchComponent(patternParts[i], keyParts[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Greedy match with one backtracking point (the last '*'): linear in pattern times text, so a
    /// hostile pattern such as "*a*a*a*a*b" cannot make it exponential.</summary>
    private static bool MatchComponent(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && TryMatchOne(pattern, p, text[t], out int next))
            {
                p = next;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether the single-character item at <paramref name="p"/> ('?', a bracket expression, an escaped
    /// or a literal character) matches <paramref name="c"/>; <paramref name="next"/> is the item after it.</summary>
    private static bool TryMatchOne(string pattern, int p, char c, out int next)
    {
        if (pattern[p] == '?')
        {
            next = p + 1;
            return true;
        }

        if (pattern[p] == '[' && TryMatchBracket(pattern, p, c, out next, out bool matched))
        {
            return matched;
        }

        if (pattern[p] == '\\' && p + 1 < pattern.Length)
        {
            p++;
        }

        next = p + 1;
        return pattern[p] == c;
    }

    /// <summary>A bracket expression at <paramref name="open"/>; false when it is not closed, and then '[' is literal.</summary>
    private static bool TryMatchBracket(string pattern, int open, char c, out int next, out bool matched)
    {
        int i = open + 1;
        bool negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate)
        {
            i++;
        }

        bool found = false;
        bool first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            char low = pattern[i];
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                found |= c >= low && c <= pattern[i + 2];
                i += 3;
            }
            else
            {
                found |= c == low;
                i++;
            }
        }

        if (i >= pattern.Length)
        {
            next = open;
            matched = false;
            return false;
        }

        next = i + 1;
        matched = found != negate;
        return true;
    }
}
