using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Cgroups;

/// <summary>
/// cgroup.controllers and cgroup.subtree_control. Documentation/admin-guide/cgroup-v2.rst: "cgroup.controllers A
/// read-only space separated values file which exists on all cgroups. It shows space separated list of all
/// controllers available to the cgroup." An empty file is an empty list.
/// </summary>
public static class CgroupControllerListParser
{
    /// <summary>The kernel has a few dozen controllers at most; more names is not a controller file.</summary>
    private const int MaxControllers = 64;

    public static Fact<IReadOnlyList<string>> Parse(string path, string text)
    {
        var names = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length > MaxControllers)
        {
            return Fact.Unknown<IReadOnlyList<string>>(UnknownReason.Malformed(path, $"{names.Length} names, not a controller list"));
        }

        var bad = names.FirstOrDefault(name => name.Length > 32 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));
        return bad is null
            ? names
            : Fact.Unknown<IReadOnlyList<string>>(UnknownReason.Malformed(path, $"'{DisplayText.Shorten(bad)}' is not a controller name"));
    }
}
