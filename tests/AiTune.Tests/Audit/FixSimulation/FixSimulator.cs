using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Snapshots;

namespace AiTune.Tests.Audit.FixSimulation;

/// <summary>
/// Runs a finding's runtime fix on a copy of a host tree and audits the copy again, to hold every fix to three
/// promises: it turns its own finding to pass; it leaves every finding that passed passing; and it writes nothing the
/// rule does not need (with one of its writes left out, the finding would fail again). The last is how "a fix never
/// lowers a value that already satisfies the rule" is checked without knowing each rule's numbers.
/// </summary>
public sealed class FixSimulator(string tree)
{
    private readonly Dictionary<string, HostFacts> facts = [];
    private readonly Dictionary<string, (HostFacts?, string?, List<string>)> simulations = [];

    /// <summary>The sysctls the built-in profiles judge, read as the audit of a live host reads them.</summary>
    private static readonly IReadOnlyList<string> ProfileSysctls =
        ProfileCatalog.BuiltIn.All.SelectMany(p => p.Settings).Where(s => s.Knob.Kind == KnobKind.Sysctl).Select(s => s.Knob.Name).Distinct().ToList();

    public HostFacts Original => Inspect(tree);

    /// <summary>What is wrong with the fix of <paramref name="finding"/>; empty when it keeps its promises. Null when
    /// the fix is not a set of file writes (modprobe, advice) and so was not simulated.</summary>
    public IReadOnlyList<string>? Check(ProfileSelection selection, Finding finding, IReadOnlyList<Finding> before, out string? notSimulated)
    {
        var writes = RuntimeFixParser.Parse(finding.Fix!.Runtime!, out notSimulated);
        if (writes is null)
        {
            return null;
        }

        if (finding.Fix.Runtime!.Contains(KnobFixes.MountDebugfs, StringComparison.Ordinal) && !Directory.Exists(Path.Combine(tree, "sys/kernel/debug/sched")))
        {
            // What mounting debugfs would show is not in a tree captured without it.
            notSimulated = "debugfs is not in this tree";
            return null;
        }

        var problems = new List<string>();
        var label = $"{finding.Id} ({selection.Name}) fix \"{finding.Fix.Runtime}\"";
        var (after, refusal, changed) = Simulate(writes);
        if (refusal is not null)
        {
            return [$"{label}: the kernel would refuse it: {refusal}"];
        }

        if (changed.Count == 0)
        {
            return [$"{label}: changes nothing, yet the finding is {finding.Status}: {finding.Current}"];
        }

        var audited = AuditEngine.Evaluate(after!, selection, null).ToDictionary(f => f.Id);
        var own = audited[finding.Id];
        if (own.Status != FindingStatus.Pass)
        {
            problems.Add($"{label}: after it {finding.Id} is {own.Status}: {own.Current}");
        }

        foreach (var passed in before.Where(f => f.Status == FindingStatus.Pass && f.Id != finding.Id))
        {
            if (audited.TryGetValue(passed.Id, out var now) && now.Status != FindingStatus.Pass)
            {
                problems.Add($"{label}: turns {passed.Id} from pass ({passed.Current}) to {now.Status} ({now.Current})");
            }
        }

        if (writes.Count > 1)
        {
            for (int left = 0; left < writes.Count; left++)
            {
                var without = writes.Where((_, i) => i != left).ToList();
                var (partial, partialRefusal, _) = Simulate(without);
                if (partialRefusal is null && AuditEngine.Evaluate(partial!, selection, null).Single(f => f.Id == finding.Id).Status == FindingStatus.Pass)
                {
                    problems.Add($"{label}: writes {writes[left].Value} to {writes[left].HostPath} though the finding passes without it " +
                        "(a value that satisfies the rule must be left as it is)");
                }
            }
        }

        return problems;
    }

    private (HostFacts? After, string? Refusal, List<string> Changed) Simulate(IReadOnlyList<FileWrite> writes)
    {
        var key = string.Join("\n", writes);
        if (!simulations.TryGetValue(key, out var simulation))
        {
            simulations[key] = simulation = SimulateOnCopy(writes);
        }

        return simulation;
    }

    private (HostFacts? After, string? Refusal, List<string> Changed) SimulateOnCopy(IReadOnlyList<FileWrite> writes)
    {
        using var host = SimulatedHost.CopyOf(tree);
        var changed = new List<string>();
        var refusal = host.Apply(writes, changed);
        return refusal is null ? (Inspect(host.Directory, cache: false), null, changed) : (null, refusal, changed);
    }

    private HostFacts Inspect(string directory, bool cache = true)
    {
        if (cache && facts.TryGetValue(directory, out var known))
        {
            return known;
        }

        var (root, source) = HostRootOpener.Open(directory, "test");
        using (root)
        {
            var inspected = HostInspector.Inspect(root, source, ProfileSysctls);
            if (cache)
            {
                facts[directory] = inspected;
            }

            return inspected;
        }
    }
}
