using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>Runs the rule catalogue over a host's facts for a profile selection.</summary>
public static class AuditEngine
{
    public static AuditReport Run(HostFacts facts, ProfileSelection selection, ModelRequirement? model, ProfileCatalog catalog, string toolVersion)
    {
        // The other profiles' scores need only the facts: a second CPU starts on them at once, and this thread takes
        // the ones left once it has judged the selection's findings, with their fixes (SharedWork). Each has its own
        // context.
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

        var others = SharedWork<int>.Start(alone.Count, k => ScoreAlone(facts, selectable[alone[k]], model), "aitune scores");
        var context = new AuditContext(facts, selection, model);
        var findings = Evaluate(context);
        var othersScores = others.Finish();
        var own = new int?[selectable.Count];
        for (int k = 0; k < alone.Count; k++)
        {
            own[alone[k]] = othersScores[k];
        }

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

    /// <summary>The score of <paramref name="profile"/> audited on its own.</summary>
    private static int ScoreAlone(HostFacts facts, Profile profile, ModelRequirement? model) =>
        Scoring.Score(Judge(new AuditContext(facts, new ProfileSelection([profile]), model) { ScoreOnly = true }));

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
