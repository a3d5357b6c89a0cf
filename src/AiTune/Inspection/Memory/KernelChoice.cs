using AiTune.Inspection.Sysctl;

namespace AiTune.Inspection.Memory;

/// <summary>A sysfs attribute that lists every option and brackets the active one ("always [madvise] never").
/// Documentation/admin-guide/mm/transhuge.rst: "cat /sys/kernel/mm/transparent_hugepage/enabled" shows the
/// modes with the current one in brackets.</summary>
/// <param name="Active">The bracketed option; Malformed when there is not exactly one.</param>
/// <param name="Options">Every option, brackets removed, in the kernel's order.</param>
public sealed record KernelChoice(Fact<string> Active, IReadOnlyList<string> Options)
{
    public static KernelChoice Parse(string text, string path)
    {
        var options = new List<string>();
        var active = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            bool bracketed = word.Length > 2 && word[0] == '[' && word[^1] == ']';
            var option = bracketed ? word[1..^1] : word;
            options.Add(option);
            if (bracketed)
            {
                active.Add(option);
            }
        }

        return new KernelChoice(
            active.Count == 1
                ? active[0]
                : Fact.Unknown<string>(UnknownReason.Malformed(path, $"expected one [bracketed] choice, got '{SysctlValue.Shorten(text.Trim())}'")),
            options);
    }
}
