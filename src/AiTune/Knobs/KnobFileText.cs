using AiTune.Inspection;
using AiTune.Inspection.Sysctl;

namespace AiTune.Knobs;

/// <summary>The value a knob file holds, as a value that can be written back: the bracketed choice of
/// "always [madvise] never" or "[mq-deadline] none", else the text with whitespace collapsed
/// ("4096\t131072\t6291456" → "4096 131072 6291456", which the kernel parses the same).</summary>
public static class KnobFileText
{
    public static string Selected(string raw, string path)
    {
        var text = SysctlInspector.CollapseWhitespace(raw);
        if (!text.Contains('['))
        {
            return text;
        }

        var choice = KernelChoice.Parse(text, path);
        return choice.Active.TryGet(out var active) ? active : text;
    }

    /// <summary>The choices a bracketed file offers ("always madvise never"); empty for plain values.</summary>
    public static IReadOnlyList<string> Options(string raw, string path)
    {
        var text = SysctlInspector.CollapseWhitespace(raw);
        return text.Contains('[') ? KernelChoice.Parse(text, path).Options : [];
    }
}
