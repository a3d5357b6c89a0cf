namespace AiTune.Inspection.Kernel;

/// <summary>The kernel command line, split as the kernel splits it (spaces, double quotes group).</summary>
/// <param name="Raw">As read.</param>
/// <param name="Parameters">In order; a flag without '=' has a null value. Only the part before "--"
/// (the kernel's own parameters) is here; what follows is for init.</param>
public sealed record KernelCommandLine(string Raw, IReadOnlyList<KernelParameter> Parameters)
{
    /// <summary>The last value given for <paramref name="name"/> (the kernel honours the last), null if absent;
    /// a flag without a value gives "".</summary>
    public string? Get(string name)
    {
        string? found = null;
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                found = parameter.Value ?? "";
            }
        }

        return found;
    }

    public bool Has(string name) => Parameters.Any(p => p.Name == name);

    /// <summary>Every value of a parameter that may repeat (hugepagesz=/hugepages= pairs).</summary>
    public IEnumerable<string> All(string name) => Parameters.Where(p => p.Name == name).Select(p => p.Value ?? "");

    public static KernelCommandLine Parse(string raw)
    {
        var parameters = new List<KernelParameter>();
        var token = new System.Text.StringBuilder();
        bool quoted = false;
        bool any = false;
        foreach (char c in raw.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
                continue;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (Flush())
                {
                    break;
                }

                continue;
            }

            token.Append(c);
            any = true;
        }

        Flush();
        return new KernelCommandLine(raw.Trim(), parameters);

        // Returns true at "--": the rest belongs to init.
        bool Flush()
        {
            if (!any)
            {
                return false;
            }

            var text = token.ToString();
            token.Clear();
            any = false;
            if (text == "--")
            {
                return true;
            }

            int eq = text.IndexOf('=');
            parameters.Add(eq < 0 ? new KernelParameter(text, null) : new KernelParameter(text[..eq], text[(eq + 1)..]));
            return false;
        }
    }
}

/// <param name="Value">Null for a bare flag ("quiet").</param>
public sealed record KernelParameter(string Name, string? Value);
