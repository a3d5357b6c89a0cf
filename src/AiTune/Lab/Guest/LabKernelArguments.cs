namespace AiTune.Lab.Guest;

/// <summary>Reads the kernel command line the way the kernel splits it: words separated by spaces, a word may be
/// quoted ("a b").</summary>
public static class LabKernelArguments
{
    public const string LabFlag = "aitune.lab=1";

    /// <summary>True when <paramref name="commandLine"/> (/proc/cmdline) has the word aitune.lab=1 before any "--"
    /// (after it, the words belong to init, not the kernel).</summary>
    public static bool IsLabGuest(string commandLine)
    {
        foreach (string word in Words(commandLine))
        {
            if (word == "--")
            {
                return false;
            }

            if (word == LabFlag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of a kernel command line; double quotes group spaces into a word and are removed.</summary>
    public static IEnumerable<string> Words(string commandLine)
    {
        var word = new System.Text.StringBuilder();
        bool quoted = false;
        bool any = false;
        foreach (char c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (!quoted && char.IsWhiteSpace(c))
            {
                if (any)
                {
                    yield return word.ToString();
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            yield return word.ToString();
        }
    }
}
