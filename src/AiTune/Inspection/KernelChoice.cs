using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection;

/// <summary>A kernel attribute that lists every option and brackets the active one: THP's "always [madvise] never"
/// (Documentation/admin-guide/mm/transhuge.rst), a queue's "[none] mq-deadline kyber bfq"
/// (Documentation/block/switching-sched.rst), lockdown's "[none] integrity confidentiality" (kernel_lockdown(7)).
/// One parser serves them all.</summary>
/// <param name="Active">The bracketed option; Malformed when there is not exactly one.</param>
/// <param name="Options">Every option, brackets removed, in the kernel's order; empty when the text is malformed.</param>
public sealed record KernelChoice(Fact<string> Active, IReadOnlyList<string> Options)
{
    /// <summary>Far above the handful of choices any such attribute offers.</summary>
    private const int MaxOptions = 64;

    /// <param name="noun">What the options are, for messages: "choice", "scheduler", "mode".</param>
    public static KernelChoice Parse(string text, string path, string noun = "choice")
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaxOptions)
        {
            return Malformed(words.Length == 0 ? "empty" : $"{words.Length} entries, not a list of choices");
        }

        var options = new List<string>(words.Length);
        var active = new List<string>();
        foreach (var word in words)
        {
            bool bracketed = word.Length > 2 && word[0] == '[' && word[^1] == ']';
            var option = bracketed ? word[1..^1] : word;
            if (!IsOptionName(option))
            {
                return Malformed($"'{DisplayText.Shorten(word)}' is not a {noun} name");
            }

            options.Add(option);
            if (bracketed)
            {
                active.Add(option);
            }
        }

        return active.Count switch
        {
            1 => new KernelChoice(active[0], options),
            0 => new KernelChoice(Fact.Unknown<string>(UnknownReason.Malformed(path, $"no {noun} in brackets in '{DisplayText.Shorten(text.Trim())}'")), options),
            _ => new KernelChoice(Fact.Unknown<string>(UnknownReason.Malformed(path, $"more than one {noun} in brackets in '{DisplayText.Shorten(text.Trim())}'")), options),
        };

        KernelChoice Malformed(string why) => new(Fact.Unknown<string>(UnknownReason.Malformed(path, why)), []);
    }

    /// <summary>Short identifiers: "madvise", "defer+madvise", "mq-deadline", "within_size".</summary>
    private static bool IsOptionName(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+');
}
