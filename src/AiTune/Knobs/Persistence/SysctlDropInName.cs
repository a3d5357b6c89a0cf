using AiTune.Inspection.Sysctl;

namespace AiTune.Knobs.Persistence;

/// <summary>How aitune's file in /etc/sysctl.d is named, and which other lines win against it at boot.
/// sysctl.d(5): files from every sysctl.d directory are applied in the lexicographic order of their names, a later
/// assignment of a key replacing an earlier one. The choice lives here, below the features, because the audit
/// names the file in its fix text and apply writes it: both call this one choice, so they cannot disagree.</summary>
public static class SysctlDropInName
{
    public const int FirstPrefix = 10;

    public const int LastPrefix = 99;

    /// <summary>The path apply's SysctlDropIn.Plan picks for <paramref name="keys"/> on this host, for those who name the file
    /// without writing it (the audit's fix text): the same choice (<see cref="ChooseName"/>), so the audit, apply and verify name one file.
    /// Null when every NN is taken by files aitune did not write (apply refuses then).</summary>
    /// <param name="owned">aitune's files; null takes every /etc/sysctl.d/NN-aitune.conf present as aitune's
    /// (what the journal says on a host where aitune persisted before).</param>
    public static string? PathFor(BootSysctlConfiguration boot, IEnumerable<string> keys, IReadOnlyCollection<string>? owned = null)
    {
        var ownedPaths = (owned ?? boot.Files.Where(PersistencePaths.IsAituneFile).ToList()).ToHashSet(StringComparer.Ordinal);
        var settings = keys.Where(KnobReader.IsValidSysctlKey).Distinct(StringComparer.Ordinal).ToList().ConvertAll(k => (k, ""));
        return ChooseName(boot, Rivals(boot, settings, ownedPaths), ownedPaths) is { } name ? PersistencePaths.SysctlDirectory + "/" + name : null;
    }

    /// <summary>The lines of other files that have the last word on <paramref name="key"/> at boot over aitune's file
    /// <paramref name="path"/>: an assignment of another value or an exclusion applied after it (and a glob, which
    /// only procps honours over an explicit key: see <see cref="SysctlRival.IsGlob"/>). What verify and the audit
    /// report as "overridden at boot", by the same order apply chose the name with.</summary>
    public static IReadOnlyList<SysctlRival> OverridingAtBoot(BootSysctlConfiguration boot, string path, string key, string value)
    {
        var name = System.IO.Path.GetFileName(path);
        return Rivals(boot, [(key, value)], new HashSet<string>(StringComparer.Ordinal) { path })
            .Where(r => AppliedAfter(r.File, name) && !r.Agrees).ToList();
    }

    /// <summary>The smallest NN (10 to 99) whose "NN-aitune.conf" is applied after every rival and is not already
    /// taken by a file aitune does not own; when no NN comes after all of them, the smallest that leaves the fewest
    /// after it. Null when every name is taken.</summary>
    public static string? ChooseName(BootSysctlConfiguration boot, List<SysctlRival> rivals, HashSet<string> ownedPaths)
    {
        var taken = boot.Files.Concat(boot.Masked).Where(p => !ownedPaths.Contains(p))
            .ToList().ConvertAll(p => System.IO.Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>The one boot order (<see cref="BootSysctlConfiguration.AppliedAfter"/>).</summary>
    public static bool AppliedAfter(string file, string fileName) => BootSysctlConfiguration.AppliedAfter(file, fileName);

    public static List<SysctlRival> Rivals(BootSysctlConfiguration boot, IReadOnlyList<(string Key, string Value)> settings, HashSet<string> owned)
    {
        // Loops, not queries: the audit asks this for every sysctl finding, and most keys have no rival.
        var rivals = new List<SysctlRival>();
        foreach (var (key, value) in settings)
        {
            foreach (var a in boot.Assignments)
            {
                if (!owned.Contains(a.File) && (a.Key == key || (SysctlGlob.IsGlob(a.Key) && SysctlGlob.Matches(a.Key, key))))
                {
                    rivals.Add(new SysctlRival(key, value, a.File, a.Line, a.Key, a.Value));
                }
            }

            // A glob exclusion only removes that glob's own entry; only "-key" itself cancels an explicit key.
            foreach (var e in boot.Exclusions)
            {
                if (!owned.Contains(e.File) && e.Key == key)
                {
                    rivals.Add(new SysctlRival(key, value, e.File, e.Line, e.Key, null));
                }
            }
        }

        if (rivals.Count < 2)
        {
            return rivals;
        }

        var order = boot.Files.Select((file, index) => (file, index)).ToDictionary(f => f.file, f => f.index, StringComparer.Ordinal);
        return rivals.OrderBy(r => r.Key, StringComparer.Ordinal)
            .ThenBy(r => order.GetValueOrDefault(r.File, int.MaxValue)).ThenBy(r => r.Line).ToList();
    }
}
