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
            if (!MatchComponent(patternParts[i], 0, keyParts[i], 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchComponent(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (int start = t; start <= text.Length; start++)
                {
                    if (MatchComponent(pattern, p, text, start))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t == text.Length)
            {
                return false;
            }

            if (c == '?')
            {
                p++;
                t++;
                continue;
            }

            if (c == '[' && TryMatchBracket(pattern, p, text[t], out int next, out bool matched))
            {
                if (!matched)
                {
                    return false;
                }

                p = next;
                t++;
                continue;
            }

            if (c == '\\' && p + 1 < pattern.Length)
            {
                p++;
                c = pattern[p];
            }

            if (c != text[t])
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
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
