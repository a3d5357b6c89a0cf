using System.Text;
using AiTune.Inspection.Sysctl;
using AiTune.Tuning.Knobs;

namespace AiTune.Tuning.Persistence;

/// <summary>aitune's file in /etc/sysctl.d. sysctl.d(5): files from every sysctl.d directory are applied in the
/// lexicographic order of their names, a later assignment of a key replacing an earlier one, and
/// <see cref="SysctlConfigDiscovery"/> adds /etc/sysctl.conf last when no sysctl.d link brings it in (procps
/// <c>sysctl --system</c> reads it after everything else). So the name's two-digit prefix decides which other
/// files aitune's values win against; <see cref="Plan"/> picks the smallest that comes after every rival.</summary>
public static class SysctlDropIn
{
    public const int FirstPrefix = 10;

    public const int LastPrefix = 99;

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
        var rivals = Rivals(boot, sorted, ownedPaths);
        var chosen = ChooseName(boot, rivals, ownedPaths) ?? throw new AiTuneException(
            $"every name from {PersistencePaths.SysctlFileName(FirstPrefix)} to {PersistencePaths.SysctlFileName(LastPrefix)} is taken by a sysctl.d file aitune did not write",
            "rename or remove one of those files, or apply without --persist");
        return new SysctlDropInPlan(chosen, PersistencePaths.SysctlDirectory + "/" + chosen, sorted,
            rivals.Where(r => !AppliedAfter(r.File, chosen)).ToList(),
            rivals.Where(r => AppliedAfter(r.File, chosen)).ToList());
    }

    /// <summary>The path <see cref="Plan"/> picks for <paramref name="keys"/> on this host, for those who name the file
    /// without writing it (the audit's fix text): the same choice, so the audit, apply and verify name one file.
    /// Null when every NN is taken by files aitune did not write (apply refuses then).</summary>
    /// <param name="owned">aitune's files; null takes every /etc/sysctl.d/NN-aitune.conf present as aitune's
    /// (what the journal says on a host where aitune persisted before).</param>
    public static string? PathFor(BootSysctlConfiguration boot, IEnumerable<string> keys, IReadOnlyCollection<string>? owned = null)
    {
        var ownedPaths = (owned ?? boot.Files.Where(PersistencePaths.IsAituneFile).ToList()).ToHashSet(StringComparer.Ordinal);
        var settings = keys.Where(KnobReader.IsValidSysctlKey).Distinct(StringComparer.Ordinal).Select(k => (k, "")).ToList();
        return ChooseName(boot, Rivals(boot, settings, ownedPaths), ownedPaths) is { } name ? PersistencePaths.SysctlDirectory + "/" + name : null;
    }

    /// <summary>The lines of other files that have the last word on <paramref name="key"/> at boot over aitune's file
    /// <paramref name="path"/>: an assignment of another value or an exclusion applied after it (and a glob, which
    /// only procps honours over an explicit key: see <see cref="SysctlRival.IsGlob"/>). What verify and the audit
    /// report as "overridden at boot", by the same order <see cref="Plan"/> chose the name with.</summary>
    public static IReadOnlyList<SysctlRival> OverridingAtBoot(BootSysctlConfiguration boot, string path, string key, string value)
    {
        var name = System.IO.Path.GetFileName(path);
        return Rivals(boot, [(key, value)], new HashSet<string>(StringComparer.Ordinal) { path })
            .Where(r => AppliedAfter(r.File, name) && !r.Agrees).ToList();
    }

    /// <summary>The smallest NN (10 to 99) whose "NN-aitune.conf" is applied after every rival and is not already
    /// taken by a file aitune does not own; when no NN comes after all of them, the smallest that leaves the fewest
    /// after it. Null when every name is taken.</summary>
    private static string? ChooseName(BootSysctlConfiguration boot, List<SysctlRival> rivals, HashSet<string> ownedPaths)
    {
        var taken = boot.Files.Concat(boot.Masked).Where(p => !ownedPaths.Contains(p))
            .Select(p => System.IO.Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal);
        string? chosen = null;
        int fewest = int.MaxValue;
        for (int prefix = FirstPrefix; prefix <= LastPrefix && fewest > 0; prefix++)
        {
            string name = PersistencePaths.SysctlFileName(prefix);
            if (taken.Contains(name))
            {
                continue;
            }

            int after = rivals.Count(r => AppliedAfter(r.File, name));
            if (after < fewest)
            {
                (chosen, fewest) = (name, after);
            }
        }

        return chosen;
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

    /// <summary>The one boot order (<see cref="BootSysctlConfiguration.AppliedAfter"/>).</summary>
    private static bool AppliedAfter(string file, string fileName) => BootSysctlConfiguration.AppliedAfter(file, fileName);

    private static List<SysctlRival> Rivals(BootSysctlConfiguration boot, IReadOnlyList<(string Key, string Value)> settings, HashSet<string> owned)
    {
        var order = boot.Files.Select((file, index) => (file, index)).ToDictionary(f => f.file, f => f.index, StringComparer.Ordinal);
        var rivals = new List<SysctlRival>();
        foreach (var (key, value) in settings)
        {
            rivals.AddRange(boot.Assignments
                .Where(a => !owned.Contains(a.File) && (a.Key == key || (SysctlGlob.IsGlob(a.Key) && SysctlGlob.Matches(a.Key, key))))
                .Select(a => new SysctlRival(key, value, a.File, a.Line, a.Key, a.Value)));
            // A glob exclusion only removes that glob's own entry; only "-key" itself cancels an explicit key.
            rivals.AddRange(boot.Exclusions
                .Where(e => !owned.Contains(e.File) && e.Key == key)
                .Select(e => new SysctlRival(key, value, e.File, e.Line, e.Key, null)));
        }

        return rivals.OrderBy(r => r.Key, StringComparer.Ordinal)
            .ThenBy(r => order.GetValueOrDefault(r.File, int.MaxValue)).ThenBy(r => r.Line).ToList();
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
