using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Metrics;
using AiTune.Profiles;

namespace AiTune.Services.Metrics;

/// <summary>The audit of each profile: score, findings per status and severity (every pair, zeros included, so a
/// rate or a comparison never meets a missing series), one series per warned or failed rule, and when it ran.</summary>
public sealed class AuditCollector(Func<HostFacts> facts, IReadOnlyList<ProfileSelection> selections, ModelRequirement? model, TimeProvider clock) : IMetricCollector
{
    private (HostFacts Host, SharedWork<(IReadOnlyList<Finding> Findings, double RanAt)> Judgement)? prepared;

    public string Name => "audit";

    /// <summary>Starts judging the profiles on a second CPU (SideWork) as soon as the facts are read, so that it
    /// overlaps the collectors that run before this one; <see cref="Collect"/> takes the profiles not yet started.
    /// Without it, the judgement starts when this collector does.</summary>
    public void Prepare(HostFacts host) => prepared = (host, Judge(host));

    private SharedWork<(IReadOnlyList<Finding> Findings, double RanAt)> Judge(HostFacts host) =>
        SharedWork<(IReadOnlyList<Finding>, double)>.Start(selections.Count,
            i => (AuditEngine.EvaluateForScore(host, selections[i], model), clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0), "aitune scores");

    public void Collect(CollectorOutput output)
    {
        var host = facts();
        var scores = new List<MetricSample>();
        var counts = new List<MetricSample>();
        var failing = new List<MetricSample>();
        var times = new List<MetricSample>();
        // This thread and the second CPU take the profiles in turn until none is left (as the audit judges the other
        // profiles' scores beside its own), so neither waits for more than the one profile the other is judging.
        var judged = (prepared is { } ready && ReferenceEquals(ready.Host, host) ? ready.Judgement : Judge(host)).Finish();
        for (int i = 0; i < selections.Count; i++)
        {
            var selection = selections[i];
            var (findings, ranAt) = judged[i];
            string profile = selection.Name;
            scores.Add(MetricSample.Of(Scoring.Score(findings), ("profile", profile)));
            foreach (var status in AuditNames.Statuses)
            {
                foreach (var severity in SeverityNames.All)
                {
                    counts.Add(MetricSample.Of(findings.Count(f => f.Status == status && f.Severity == severity),
                        ("profile", profile), ("status", StatusName(status)), ("severity", SeverityName(severity))));
                }
            }

            // In the audit's order (category, worst first, then id), as `aitune audit` lists them. A rule gives one
            // finding per audit; the same id twice would be two series of one rule, so the first stands for it.
            // One comparison, not OrderBy(…).ThenBy(…): each ThenBy is a generic virtual call that NativeAOT resolves at
            // run time, in every scrape.
            var warned = new List<Finding>();
            foreach (var finding in findings)
            {
                if (finding.Status is FindingStatus.Warn or FindingStatus.Fail)
                {
                    warned.Add(finding);
                }
            }

            warned.Sort(AuditEngine.ListingOrder);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var finding in warned)
            {
                if (!listed.Add(finding.Id))
                {
                    continue;
                }

                failing.Add(MetricSample.Of(1, ("profile", profile), ("rule", finding.Id), ("category", AuditNames.Of(finding.Category)),
                    ("severity", SeverityName(finding.Severity)), ("status", StatusName(finding.Status))));
            }

            times.Add(MetricSample.Of(ranAt, ("profile", profile)));
        }

        output.Gauge("aitune_audit_score", "The audit's readiness score for the profile, 0 to 100 (aitune audit)", scores);
        output.Gauge("aitune_audit_findings", "Findings of the profile's audit per status (pass, warn, fail, not_applicable, unknown) and severity, zeros included", counts);
        output.Gauge("aitune_audit_rule_failing", "1 for each rule the profile's audit warns about or fails; the rule id is the one aitune rules and audit show", failing);
        output.Gauge("aitune_audit_timestamp_seconds", "When the profile's audit ran, as a Unix time", times);
    }

    /// <summary>The status as the label has it: pass, warn, fail, not_applicable, unknown.</summary>
    public static string StatusName(FindingStatus status) => status switch
    {
        FindingStatus.NotApplicable => "not_applicable",
        _ => AuditNames.Of(status),
    };

    public static string SeverityName(Severity severity) => SeverityNames.Of(severity);
}
