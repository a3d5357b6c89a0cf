using System.Text.Json.Serialization;
using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Snapshots;
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
        typeof(CamelCaseEnumConverter<KnobStatus>),
        typeof(CamelCaseEnumConverter<TransactionPhase>),
    ])]
[JsonSerializable(typeof(InspectDocument))]
[JsonSerializable(typeof(AuditReport))]
[JsonSerializable(typeof(SnapshotMetadata))]
[JsonSerializable(typeof(RuleDocument))]
[JsonSerializable(typeof(TuningPlan))]
[JsonSerializable(typeof(ApplyReport))]
[JsonSerializable(typeof(RollbackReport))]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(AiTune.Profiles.ProfileListDocument))]
[JsonSerializable(typeof(AiTune.Profiles.ResolvedProfileDocument))]
public sealed partial class AiTuneJsonContext : JsonSerializerContext;
