using AiTune.Metrics;
using AiTune.Services.Transactions;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Verification;

namespace AiTune.Services.Metrics;

/// <summary>The applied profile and its drift, as `aitune verify` sees them, read only: a journal whose apply or
/// rollback was interrupted is reported (the collector fails), not finished (status and apply finish it, as root).</summary>
public sealed class TuningCollector(TuningTarget target, string toolVersion) : IMetricCollector
{
    public const string PassState = "pass";
    public const string DriftedState = "drifted";
    public const string PendingRebootState = "pending_reboot";

    private static readonly string[] States = [PassState, DriftedState, PendingRebootState];

    public string Name => "tuning";

    public void Collect(CollectorOutput output)
    {
        var session = TuningSession.Open(target, toolVersion, forWriting: false);
        var journal = session.State.OpenJournal();
        if (journal is null)
        {
            output.Unknown("tuning", new Facts.UnknownReason(Facts.UnknownKind.Absent, $"no profile applied (no journal in {session.State.Path})"));
            return;
        }

        var phase = JournalState.Of(journal.Records).Phase;
        if (phase is TransactionPhase.ApplyInterrupted or TransactionPhase.RollbackInterrupted)
        {
            output.Failed($"tuning: an {(phase == TransactionPhase.ApplyInterrupted ? "apply" : "rollback")} was interrupted; aitune status (as root) finishes it");
            return;
        }

        if (phase != TransactionPhase.Applied)
        {
            output.Unknown("tuning", new Facts.UnknownReason(Facts.UnknownKind.Absent, "no profile applied"));
            return;
        }

        Export(output, session.Verify());
    }

    /// <summary>The families of a verify report.</summary>
    public static void Export(CollectorOutput output, VerifyReport report)
    {
        output.Gauge("aitune_tuning_profile_info", "The profile aitune applied to this host; always 1 (absent when none is applied)",
            [MetricSample.Of(1, ("profile", report.Profile))]);
        output.Gauge("aitune_tuning_applied_timestamp_seconds", "When the applied profile was applied, as a Unix time",
            [MetricSample.Of(report.AppliedAt.ToUnixTimeMilliseconds() / 1000.0)]);
        var states = new List<MetricSample>();
        foreach (var check in report.Checks.DistinctBy(c => c.Id))
        {
            if (State(check.Status) is not { } current)
            {
                continue;
            }

            states.AddRange(States.Select(s => MetricSample.Of(s == current ? 1 : 0, ("knob", check.Id), ("state", s))));
        }

        output.Gauge("aitune_tuning_knob_state", "Each knob of the applied profile: 1 for its state (pass, drifted: changed since or never applied, pending_reboot: a kernel parameter waiting for the next boot), 0 for the others", states);
        output.Gauge("aitune_tuning_drifted_knobs", "Knobs of the applied profile that no longer hold the applied value, or never did",
            [MetricSample.Of(report.Checks.Count(c => c.Status is KnobStatus.Drifted or KnobStatus.NotApplied))]);
        output.Gauge("aitune_tuning_boot_override", "1 for each file that will override a setting of the applied profile at the next boot (a sysctl.d file read after aitune's)",
            OverridingFiles(report).Select(f => MetricSample.Of(1, ("file", f))).ToList());
    }

    /// <summary>The files that override a knob of the applied profile at boot, each once, in the order verify names them.</summary>
    public static IReadOnlyList<string> OverridingFiles(VerifyReport report) =>
        report.Checks.SelectMany(c => c.OverridingFiles).Distinct(StringComparer.Ordinal).ToList();

    private static string? State(KnobStatus status) => status switch
    {
        KnobStatus.Pass => PassState,
        KnobStatus.Drifted or KnobStatus.NotApplied => DriftedState,
        KnobStatus.PendingReboot => PendingRebootState,
        _ => null,
    };
}
