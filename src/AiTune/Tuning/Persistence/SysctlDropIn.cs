using System.Text;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs;
using AiTune.Knobs.Persistence;

namespace AiTune.Tuning.Persistence;

/// <summary>aitune's file in /etc/sysctl.d. sysctl.d(5): files from every sysctl.d directory are applied in the
/// lexicographic order of their names, a later assignment of a key replacing an earlier one, and
/// <see cref="SysctlConfigDiscovery"/> adds /etc/sysctl.conf last when no sysctl.d link brings it in (procps
/// <c>sysctl --system</c> reads it after everything else). So the name's two-digit prefix decides which other
/// files aitune's values win against; <see cref="Plan"/> picks the smallest that comes after every rival.</summary>
public static class SysctlDropIn
{
    /// <summary>Chooses the file name and says which other lines aitune's file beats and which beat it.</summary>
    /// <param name="boot">The host's sysctl configuration as it stands, aitune's earlier file included.</param>
    /// <param name="settings">Keys and values to persist (dotted keys, values as applied).</param>
    /// <param name="owned">Paths of sysctl.d files an earlier <c>--persist</c> wrote (the journal knows them):
    /// they will be replaced, so their lines are not rivals and their names are free.</param>
    /// <returns>The smallest NN (10 to 99) whose "NN-aitune.conf" is applied after every file that assigns,
    /// glob-matches or excludes one of the keys and is not already taken by a file aitune does not own. When no NN
    /// comes after all of them, the smallest NN that leaves the fewest after it; those are
    /// <see cref="SysctlDropInPlan.OverriddenBy"/>.</returns>
    public static SysctlDropInPlan Plan(BootSysctlConfiguration boot, IReadOnlyList<(string Key, string Value)> settings,
        IReadOnlyCollection<string>? owned = null)
    {
        var sorted = Validate(settings);
        var ownedPaths = owned?.ToHashSet(StringComparer.Ordinal) ?? [];
        var rivals = SysctlDropInName.Rivals(boot, sorted, ownedPaths);
        var chosen = SysctlDropInName.ChooseName(boot, rivals, ownedPaths) ?? throw new AiTuneException(
            $"every name from {PersistencePaths.SysctlFileName(SysctlDropInName.FirstPrefix)} to {PersistencePaths.SysctlFileName(SysctlDropInName.LastPrefix)} is taken by a sysctl.d file aitune did not write",
            "rename or remove one of those files, or apply without --persist");
        return new SysctlDropInPlan(chosen, PersistencePaths.SysctlDirectory + "/" + chosen, sorted,
            rivals.Where(r => !SysctlDropInName.AppliedAfter(r.File, chosen)).ToList(),
            rivals.Where(r => SysctlDropInName.AppliedAfter(r.File, chosen)).ToList());
    }

    /// <summary>The file: a header, then one <c>key = value</c> line per setting, sorted by key.</summary>
    public static RenderedFile Render(SysctlDropInPlan plan, string profile, DateTimeOffset appliedAt, string user)
    {
        var content = new StringBuilder(PersistenceInput.Header(profile, appliedAt, user));
        foreach (var (key, value) in Validate(plan.Settings))
        {
            content.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return new RenderedFile(plan.Path, content.ToString());
    }

    /// <summary>sysctl.d has no quoting: systemd-sysctl strips spaces around the value, ends the line at a line
    /// end or NUL, and takes a line that starts with '#' or ';' as a comment. So a value persists exactly as
    /// applied only when it is printable ASCII without surrounding spaces.</summary>
    private static List<(string Key, string Value)> Validate(IReadOnlyList<(string Key, string Value)> settings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (!KnobReader.IsValidSysctlKey(key))
            {
                throw PersistenceInput.Refused("the sysctl key", key, "not a dotted sysctl key",
                    "dotted keys of letters, digits, '_' and '-'");
            }

            if (ForbiddenSysctls.Why(key) is { } forbidden)
            {
                throw new AiTuneException($"cannot persist sysctl {key}: {forbidden}", "aitune never writes it; set it yourself if you mean to");
            }

            if (!seen.Add(key))
            {
                throw new AiTuneException($"cannot persist sysctl {key}: it is given twice", "give each sysctl key one value");
            }

            string what = $"the value of sysctl {key}";
            PersistenceInput.RequireCharacters(value, what, c => c is >= ' ' and <= '~', "printable ASCII");
            if (value[0] is ' ' or '#' or ';' || value[^1] == ' ')
            {
                throw PersistenceInput.Refused(what, value, "it starts with a space, '#' or ';', or ends with a space", "printable ASCII");
            }
        }

        return settings.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
    }
}
