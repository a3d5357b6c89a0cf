using System.Text.Json;
using AiTune.Audit;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;
using AiTune.Serialization;
using AiTune.Services.Benchmarking;
using AiTune.Services.ClosedLoop;
using AiTune.Services.Transactions;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;

namespace AiTune.Cli.Rendering.Formats;

/// <summary>
/// The registry of renderers: for each document a command prints, the formats it has and the renderer of each. A
/// command asks for its document's entry with the format chosen (<see cref="DocumentRenderer{TDocument}.For"/>) and
/// renders through it; no command switches on the format. JSON is always a document of Serialization (or of the
/// result store, whose export format it is), never a domain record the CLI picks the shape of. A new format (HTML)
/// is a renderer added to the entries that have it.
/// </summary>
public static class DocumentRenderers
{
    /// <summary>`inspect`: the text is the JSON document walked into an outline, so the two cannot disagree.</summary>
    public static DocumentRenderer<InspectDocument> Inspect { get; } = new DocumentRenderer<InspectDocument>()
        .Text((document, target) => FactsTextRenderer.Render(JsonSerializer.Serialize(document, AiTuneJsonContext.Readable.InspectDocument), target.Console))
        .Json(() => AiTuneJsonContext.Readable.InspectDocument);

    public static DocumentRenderer<AuditReport> Audit { get; } = new DocumentRenderer<AuditReport>()
        .Text((report, target) => AuditTextRenderer.Render(report, target.Console))
        .Json(AuditReportJson.WriteUtf8)
        .Markdown((report, target) => AuditMarkdownRenderer.Render(report, target.Output));

    /// <summary>`rules`: the Markdown is docs/rules.md.</summary>
    public static DocumentRenderer<RuleDocument> Rules { get; } = new DocumentRenderer<RuleDocument>()
        .Text((document, target) => RulesTextRenderer.Render(document, target.Console))
        .Json(() => AiTuneJsonContext.Readable.RuleDocument)
        .Markdown((document, target) => RulesMarkdownRenderer.Render(document, target.Output));

    public static DocumentRenderer<ProfileListDocument> ProfileList { get; } = new DocumentRenderer<ProfileListDocument>()
        .Text((document, target) => ProfileTextRenderer.RenderList(document, target.Console))
        .Json(() => AiTuneJsonContext.Readable.ProfileListDocument);

    public static DocumentRenderer<ResolvedProfileDocument> ProfileShow { get; } = new DocumentRenderer<ResolvedProfileDocument>()
        .Text((document, target) => ProfileTextRenderer.RenderShow(document, target.Console))
        .Json(() => AiTuneJsonContext.Readable.ResolvedProfileDocument);

    public static DocumentRenderer<ProfilePlan> Plan { get; } = new DocumentRenderer<ProfilePlan>()
        .Text((planned, target) => PlanTextRenderer.Render(planned, target.Console))
        .Json(planned => PlanDocument.Of(planned.Plan, planned.Warnings), () => AiTuneJsonContext.Readable.PlanDocument);

    public static DocumentRenderer<ApplyReport> Apply { get; } = new DocumentRenderer<ApplyReport>()
        .Text((report, target) => TransactionTextRenderer.Render(report, target.Console))
        .Json(() => AiTuneJsonContext.Readable.ApplyReport);

    public static DocumentRenderer<RollbackReport> Rollback { get; } = new DocumentRenderer<RollbackReport>()
        .Text((report, target) => TransactionTextRenderer.Render(report, target.Console))
        .Json(() => AiTuneJsonContext.Readable.RollbackReport);

    public static DocumentRenderer<VerifyReport> Verify { get; } = new DocumentRenderer<VerifyReport>()
        .Text((report, target) => VerifyTextRenderer.Render(report, target.Console))
        .Json(() => AiTuneJsonContext.Readable.VerifyReport);

    public static DocumentRenderer<StatusReport> Status { get; } = new DocumentRenderer<StatusReport>()
        .Text((status, target) => VerifyTextRenderer.Render(status, target.Console))
        .Json(() => AiTuneJsonContext.Readable.StatusReport);

    public static DocumentRenderer<ClosedLoopOutcome> Tune { get; } = new DocumentRenderer<ClosedLoopOutcome>()
        .Text((outcome, target) => TuneTextRenderer.Render(outcome, target.Console))
        .Json(TuneDocument.Of, () => AiTuneJsonContext.Readable.TuneDocument);

    /// <summary>`bench SUITE` and `bench all`: the run, and where it was stored.</summary>
    public static DocumentRenderer<BenchRunOutcome> BenchRun { get; } = new DocumentRenderer<BenchRunOutcome>()
        .Text((outcome, target) => BenchRunTextRenderer.Render(outcome, target.Console, target.Output))
        .Json(outcome => BenchmarkRunsDocument.Summarized(outcome.Run), () => StoreJsonContext.Readable.BenchmarkRunsDocument);

    /// <summary>`bench show`: a stored run as bench printed it.</summary>
    public static DocumentRenderer<BenchmarkRun> StoredRun { get; } = new DocumentRenderer<BenchmarkRun>()
        .Text((run, target) => BenchRunTextRenderer.Render(run, target.Console))
        .Json(BenchmarkRunsDocument.Summarized, () => StoreJsonContext.Readable.BenchmarkRunsDocument);

    public static DocumentRenderer<BenchCompareDocument> BenchCompare { get; } = new DocumentRenderer<BenchCompareDocument>()
        .Text((document, target) => CompareTextRenderer.Render(document.Comparison, target.Console))
        .Json(() => AiTuneJsonContext.Readable.BenchCompareDocument);

    public static DocumentRenderer<StoredRunList> BenchHistory { get; } = new DocumentRenderer<StoredRunList>()
        .Text((history, target) => BenchHistoryTextRenderer.Render(history, target.Console))
        .Json(history => new RunHistory(RunHistory.CurrentSchemaVersion, history.Database, history.Runs), () => AiTuneJsonContext.Readable.RunHistory);

    public static DocumentRenderer<RunImport> BenchImport { get; } = new DocumentRenderer<RunImport>()
        .Text((imported, target) => BenchImportTextRenderer.Render(imported, target.Output))
        .Json(imported => new RunImportReport(RunImportReport.CurrentSchemaVersion, imported.Database, imported.Ids, imported.AlreadyStored),
            () => AiTuneJsonContext.Readable.RunImportReport);

    public static DocumentRenderer<ModelListing> ModelInfo { get; } = new DocumentRenderer<ModelListing>()
        .Text((listing, target) => ModelTextRenderer.Render(listing.Model, listing.TensorLimit, target.Console))
        .Json(listing => new ModelInfoDocument(ModelInfoDocument.CurrentSchemaVersion, listing.Model), () => AiTuneJsonContext.Readable.ModelInfoDocument);

    /// <summary>`kernel diff`: the JSON always holds every concept; --all changes only what text and Markdown show.</summary>
    public static DocumentRenderer<KernelDiffListing> KernelDiff { get; } = new DocumentRenderer<KernelDiffListing>()
        .Text((listing, target) => KernelDiffTextRenderer.Render(listing, target.Console))
        .Json(listing => KernelDiffDocument.Of(listing.Diff), () => AiTuneJsonContext.Readable.KernelDiffDocument)
        .Markdown((listing, target) => KernelDiffMarkdownRenderer.Render(listing, target.Output));

    /// <summary>`kernel list`.</summary>
    public static DocumentRenderer<KernelListing> KernelList { get; } = new DocumentRenderer<KernelListing>()
        .Text((listing, target) => KernelListTextRenderer.Render(listing, target.Output))
        .Json(listing => listing.Document, () => AiTuneJsonContext.Readable.KernelListDocument);

    /// <summary>`lab run`.</summary>
    public static DocumentRenderer<LabRunDocument> LabRun { get; } = new DocumentRenderer<LabRunDocument>()
        .Text((document, target) => LabRunTextRenderer.Render(document, target.Output, target.Width))
        .Json(document => document, () => AiTuneJsonContext.Readable.LabRunDocument);

    /// <summary>`lab boot`.</summary>
    public static DocumentRenderer<LabBootDocument> LabBoot { get; } = new DocumentRenderer<LabBootDocument>()
        .Text((document, target) => LabBootTextRenderer.Render(document, target.Output))
        .Json(document => document, () => AiTuneJsonContext.Readable.LabBootDocument);

    /// <summary>`lab snapshot`.</summary>
    public static DocumentRenderer<LabSnapshotDocument> LabSnapshot { get; } = new DocumentRenderer<LabSnapshotDocument>()
        .Text((document, target) => LabSnapshotTextRenderer.Render(document, target.Output))
        .Json(document => document, () => AiTuneJsonContext.Readable.LabSnapshotDocument);
}
