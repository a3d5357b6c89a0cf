using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Sysctl;

/// <summary>Applies parsed sysctl.d files in order as systemd-sysctl does: one entry per key in an ordered map;
/// a later assignment with a different value replaces the entry (and moves it to the end of the map), one with
/// the same value leaves it in place; a <c>-key</c> exclusion replaces it with an entry that has no value.</summary>
public static class BootSysctlResolver
{
    /// <summary>Finds, reads, parses and resolves the host's sysctl configuration.</summary>
    /// <param name="commandLine">The kernel command line's sysctl.* parameters as a file applied before all others
    /// (<see cref="KernelCommandLineSysctls"/>); null or empty when it has none.</param>
    public static BootSysctlConfiguration Read(HostRoot root, SysctlConfigFile? commandLine = null)
    {
        var listing = SysctlConfigDiscovery.Find(root);
        var problems = new List<UnknownReason>(listing.Problems);
        var parsed = new List<SysctlConfigFile>();
        if (commandLine is { Assignments.Count: > 0 })
        {
            parsed.Add(commandLine);
            listing = listing with { Files = [commandLine.Path, .. listing.Files] };
        }

        foreach (var file in listing.Files)
        {
            var text = root.ReadText(file);
            if (text.TryGet(out var content))
            {
                parsed.Add(SysctlConfigParser.Parse(content, file));
            }
            else
            {
                problems.Add(text.Reason!);
            }
        }

        var resolved = Resolve(parsed);
        return resolved with { Files = listing.Files, Masked = listing.Masked, Problems = [.. problems, .. resolved.Problems] };
    }

    /// <summary>Resolves files already in applied order.</summary>
    public static BootSysctlConfiguration Resolve(IReadOnlyList<SysctlConfigFile> files)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var assignments = new List<SysctlAssignment>();
        long sequence = 0;
        foreach (var file in files)
        {
            var lines = file.Assignments.Select(a => (a.Line, Assignment: (SysctlAssignment?)a, Exclusion: (SysctlExclusion?)null))
                .Concat(file.Exclusions.Select(e => (e.Line, Assignment: (SysctlAssignment?)null, Exclusion: (SysctlExclusion?)e)))
                .OrderBy(l => l.Line);
            foreach (var (_, assignment, exclusion) in lines)
            {
                string key = assignment?.Key ?? exclusion!.Key;
                entries.TryGetValue(key, out var existing);
                var history = existing?.History ?? [];
                if (assignment is not null)
                {
                    assignments.Add(assignment);
                    bool sameValue = existing?.Value == assignment.Value;
                    entries[key] = new Entry(assignment.Value, sameValue ? existing!.Sequence : ++sequence, assignment, [.. history, .. Winner(existing)]);
                }
                else if (existing is null || existing.Value is not null)
                {
                    entries[key] = new Entry(null, ++sequence, null, [.. history, .. Winner(existing)]);
                }
            }
        }

        var boot = new Dictionary<string, BootSysctl>(StringComparer.Ordinal);
        foreach (var (key, entry) in entries)
        {
            if (entry.Winner is { } winner)
            {
                boot[key] = new BootSysctl(key, winner.Value, winner.File, winner.Line, entry.History);
            }
        }

        // Plain loops: a Select after another LINQ operator is a generic virtual call, which NativeAOT resolves at run
        // time on first use, and every command reads the boot configuration once.
        var globs = new List<(long Sequence, string Key)>();
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in entries)
        {
            if (entry.Value is null)
            {
                excluded.Add(key);
            }
            else if (SysctlGlob.IsGlob(key))
            {
                globs.Add((entry.Sequence, key));
            }
        }

        globs.Sort((a, b) => a.Sequence.CompareTo(b.Sequence)); // a sequence belongs to one key
        var globOrder = globs.ConvertAll(g => g.Key);
        return new BootSysctlConfiguration(files.Select(f => f.Path).ToList(), [], assignments, boot, globOrder, excluded,
            files.SelectMany(f => f.Problems).ToList())
        {
            Exclusions = files.SelectMany(f => f.Exclusions).ToList(),
        };
    }

    private static IEnumerable<SysctlAssignment> Winner(Entry? entry) => entry?.Winner is { } winner ? [winner] : [];

    /// <param name="Value">Null for an exclusion.</param>
    /// <param name="Sequence">Position in systemd-sysctl's ordered map (the order globs are written in).</param>
    /// <param name="History">Earlier assignments of the key, oldest first.</param>
    private sealed record Entry(string? Value, long Sequence, SysctlAssignment? Winner, IReadOnlyList<SysctlAssignment> History);
}
