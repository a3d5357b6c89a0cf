using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>Runs the rule catalogue over a host's facts for a profile selection.</summary>
public static class AuditEngine
{
    public static AuditReport Run(HostFacts facts, ProfileSelection selection, ModelRequirement? model, ProfileCatalog catalog, string toolVersion)
    {
        // The other profiles' scores need only the facts: all but the last are judged on a second CPU (SideWork)
        // while the selection's findings, with their fixes, and then the last score are judged here: a full
        // judgement costs about two score-only ones, so the halves take about as long. Each has its own context.
        bool single = selection.Components.Count == 1;
        var selectable = catalog.Selectable;
        var alone = new List<int>();
        for (int i = 0; i < selectable.Count; i++)
        {
            if (!(single && IsSelected(selection, selectable[i])))
            {
                alone.Add(i);
            }
        }

        var own = new int?[selectable.Count];
        int here = alone.Count > 1 ? 1 : 0;
        var aside = SideWork<bool>.Start(() =>
        {
            ScoreAlone(facts, selectable, model, alone[..^here], own);
            return true;
        }, "aitune scores");
        var context = new AuditContext(facts, selection, model);
        var findings = Evaluate(context);
        ScoreAlone(facts, selectable, model, alone[^here..], own);
        aside.Join();
        var scores = new List<ProfileScore>();
        if (!single)
        {
            scores.Add(new ProfileScore(selection.Name, Scoring.Score(findings), true));
        }

        for (int i = 0; i < selectable.Count; i++)
        {
            scores.Add(new ProfileScore(selectable[i].Name, own[i] ?? Scoring.Score(findings), IsSelected(selection, selectable[i])));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in AuditNames.Statuses)
        {
            counts[AuditNames.Of(status)] = findings.Count(f => f.Status == status);
        }

        var score = scores.First(s => s.Selected).Score;
        return new AuditReport(AuditReport.CurrentSchemaVersion, toolVersion, HostSummary.Of(facts), selection.Name, context.Resolved.Conflicts, model, findings,
            new AuditSummary(counts, scores, Verdict(selection.Name, score, findings)));
    }

    private static bool IsSelected(ProfileSelection selection, Profile profile) => selection.Names.Contains(profile.Name);

    /// <summary>The score of each profile at <paramref name="indices"/> audited on its own, into <paramref name="scores"/>
    /// (each thread writes its own slots).</summary>
    private static void ScoreAlone(HostFacts facts, IReadOnlyList<Profile> profiles, ModelRequirement? model, List<int> indices, int?[] scores)
    {
        foreach (int i in indices)
        {
            scores[i] = Scoring.Score(Judge(new AuditContext(facts, new ProfileSelection([profiles[i]]), model) { ScoreOnly = true }));
        }
    }

    public static IReadOnlyList<Finding> Evaluate(HostFacts facts, ProfileSelection selection, ModelRequirement? model) =>
        Evaluate(new AuditContext(facts, selection, model));

    /// <summary>Every rule's finding without its fix, in catalogue order: what a score, the counts per status and
    /// severity and the list of failing rules need (the metrics of each profile), without the cost of the fix texts.</summary>
    public static IReadOnlyList<Finding> EvaluateForScore(HostFacts facts, ProfileSelection selection, ModelRequirement? model) =>
        Judge(new AuditContext(facts, selection, model) { ScoreOnly = true }).ToList();

    /// <summary>By category, worst status first, then highest severity, then id; rules with equal keys keep the
    /// catalogue's order. A sort with one comparison rather than OrderBy(…).ThenBy(…): each ThenBy is a generic
    /// virtual call, which NativeAOT resolves at run time, in every audit.</summary>
    private static IReadOnlyList<Finding> Evaluate(AuditContext context)
    {
        var judged = new List<(Finding Finding, int Position)>();
        foreach (var finding in Judge(context))
        {
            judged.Add((finding, judged.Count));
        }

        judged.Sort((x, y) =>
        {
            int order = ListingOrder(x.Finding, y.Finding);
            return order != 0 ? order : x.Position.CompareTo(y.Position);
        });
        return judged.ConvertAll(j => j.Finding);
    }

    /// <summary>The order an audit lists findings in: by category, worst status first, then highest severity, then id.</summary>
    public static int ListingOrder(Finding a, Finding b)
    {
        int order = ((int)a.Category).CompareTo((int)b.Category);
        order = order != 0 ? order : StatusRank(a.Status).CompareTo(StatusRank(b.Status));
        order = order != 0 ? order : ((int)b.Severity).CompareTo((int)a.Severity);
        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Every rule's finding, in catalogue order (rules that have nothing to say give none).</summary>
    private static IEnumerable<Finding> Judge(AuditContext context) => RuleCatalogue.All.Select(rule => rule.Evaluate(context)).OfType<Finding>();

    /// <summary>Worst first: failures, warnings, unknowns, passes, then rules that do not apply.</summary>
    public static int StatusRank(FindingStatus status) => status switch
    {
        FindingStatus.Fail => 0,
        FindingStatus.Warn => 1,
        FindingStatus.Unknown => 2,
        FindingStatus.Pass => 3,
        _ => 4,
    };

    private static string Verdict(string profile, int score, IReadOnlyList<Finding> findings)
    {
        var fails = findings.Where(f => f.Status == FindingStatus.Fail).OrderByDescending(f => f.Severity).ToList();
        var warns = findings.Count(f => f.Status == FindingStatus.Warn);
        var unknown = findings.Count(f => f.Status == FindingStatus.Unknown);
        var text = $"{profile}: {score}/100, {fails.Count} failed, {warns} warnings, {unknown} unknown";
        if (fails.Count > 0)
        {
            return text + "; fix first: " + string.Join(", ", fails[..Math.Min(3, fails.Count)].ConvertAll(f => f.Id));
        }

        return text + (warns > 0 ? "; no failures, review the warnings" : "; ready");
    }

}
