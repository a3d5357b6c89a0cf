using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Audit;
using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Json;
using AiTune.Profiles;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;

namespace AiTune.Serialization;

/// <summary>Source-generated JSON for every document aitune writes (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(FactJsonConverterFactory),
        typeof(CamelCaseEnumConverter<FindingStatus>),
        typeof(CamelCaseEnumConverter<Severity>),
        typeof(CamelCaseEnumConverter<Category>),
        typeof(CamelCaseEnumConverter<UnknownKind>),
        typeof(CamelCaseEnumConverter<PreemptionModel>),
        typeof(CamelCaseEnumConverter<CgroupVersion>),
        typeof(CamelCaseEnumConverter<VulnerabilityState>),
        typeof(CamelCaseEnumConverter<PlanAction>),
        typeof(CamelCaseEnumConverter<ChangeOutcome>),
        typeof(CamelCaseEnumConverter<ApplyOutcome>),
        typeof(CamelCaseEnumConverter<KnobStatus>),
        typeof(CamelCaseEnumConverter<TransactionPhase>),
        typeof(CamelCaseEnumConverter<AiTune.Benchmarks.CaseOutcome>),
        typeof(CamelCaseEnumConverter<AiTune.Benchmarks.Statistics.MetricDirection>),
        typeof(CamelCaseEnumConverter<AiTune.Services.ClosedLoop.TuneDecision>),
        typeof(CamelCaseEnumConverter<AiTune.Services.ClosedLoop.LoopStop>),
        typeof(CamelCaseEnumConverter<AiTune.Models.ModelFormat>),
        typeof(CamelCaseEnumConverter<AiTune.Benchmarks.Statistics.ChangeVerdict>),
        typeof(CamelCaseEnumConverter<AiTune.Benchmarks.Statistics.RankTestMethod>),
        typeof(CamelCaseEnumConverter<AiTune.Lab.Kernels.KernelSourceKind>),
        typeof(CamelCaseEnumConverter<AiTune.Lab.Kernels.KernelImageFormat>),
    ])]
[JsonSerializable(typeof(InspectDocument))]
[JsonSerializable(typeof(RuleDocument))]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(ApplyReport))]
[JsonSerializable(typeof(RollbackReport))]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(ProfileListDocument))]
[JsonSerializable(typeof(AiTune.Serialization.ResolvedProfileDocument))]
[JsonSerializable(typeof(RunHistory))]
[JsonSerializable(typeof(RunImportReport))]
[JsonSerializable(typeof(BenchCompareDocument))]
[JsonSerializable(typeof(TuneDocument))]
[JsonSerializable(typeof(ModelInfoDocument))]
[JsonSerializable(typeof(KernelDiffDocument))]
[JsonSerializable(typeof(KernelListDocument))]
[JsonSerializable(typeof(LabRunDocument))]
[JsonSerializable(typeof(LabSnapshotDocument))]
[JsonSerializable(typeof(LabBootDocument))]
[JsonSerializable(typeof(AiTune.Benchmarks.Load.RunLoad))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class AiTuneJsonContext : JsonSerializerContext
{
    /// <summary>The context for the documents aitune prints and writes, with <see cref="ReadableJson"/>'s encoder.</summary>
    public static AiTuneJsonContext Readable => readable ??= new(ReadableJson.Options(Default.Options));

    private static AiTuneJsonContext? readable;
}
