namespace AiTune.Inspection.Kernel;

/// <summary>The kernel command line, split as the kernel splits it (lib/cmdline.c <c>next_arg</c>).</summary>
/// <param name="Raw">As read, without the trailing newline.</param>
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
            if (NamesEqual(parameter.Name, name))
            {
                found = parameter.Value ?? "";
            }
        }

        return found;
    }

    public bool Has(string name) => Parameters.Any(p => NamesEqual(p.Name, name));

    /// <summary>Every value of a parameter that may repeat (hugepagesz=/hugepages= pairs).</summary>
    public IEnumerable<string> All(string name) => Parameters.Where(p => NamesEqual(p.Name, name)).Select(p => p.Value ?? "");

    /// <summary>The kernel's <c>parameq</c>: names compare with '-' and '_' as the same character
    /// ("intel-iommu=on" sets intel_iommu).</summary>
    public static bool NamesEqual(string left, string right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            char a = left[i] == '-' ? '_' : left[i];
            char b = right[i] == '-' ? '_' : right[i];
            if (a != b)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits like the kernel's <c>next_arg</c>: words are separated by unquoted ASCII whitespace;
    /// a double quote toggles quoting anywhere in a word; the quotes that open a word or a value and the one that
    /// closes it are dropped, quotes inside a value stay. A bare "--" ends the kernel's parameters.</summary>
    public static KernelCommandLine Parse(string raw)
    {
        var text = raw.TrimEnd('\n', '\r', '\0').Trim(' ', '\t');
        var parameters = new List<KernelParameter>();
        int position = 0;
        while (true)
        {
            while (position < text.Length && IsSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                break;
            }

            var word = NextWord(text, ref position);
            if (word.Name == "--" && word.Value is null)
            {
                break;
            }

            if (word.Name.Length > 0)
            {
                parameters.Add(word);
            }
        }

        return new KernelCommandLine(text, parameters);
    }

    private static KernelParameter NextWord(string text, ref int position)
    {
        bool quoted = text[position] == '"';
        bool inQuote = quoted;
        if (quoted)
        {
            position++;
        }

        int start = position;
        int equals = -1;
        while (position < text.Length && (inQuote || !IsSpace(text[position])))
        {
            if (equals < 0 && text[position] == '=')
            {
                equals = position;
            }

            if (text[position] == '"')
            {
                inQuote = !inQuote;
            }

            position++;
        }

        int end = position; // exclusive
        if (equals < 0)
        {
            if (quoted && end > start && text[end - 1] == '"')
            {
                end--;
            }

            return new KernelParameter(text[start..end], null);
        }

        string name = text[start..equals];
        int valueStart = equals + 1;
        bool valueQuoted = valueStart < end && text[valueStart] == '"';
        if (valueQuoted)
        {
            valueStart++;
        }

        if ((valueQuoted || quoted) && end > valueStart && text[end - 1] == '"')
        {
            end--;
        }

        return new KernelParameter(name, text[valueStart..Math.Max(valueStart, end)]);
    }

    /// <summary>The kernel's isspace for the ASCII range (its table also marks 0xA0, which UTF-8 text never holds alone).</summary>
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
