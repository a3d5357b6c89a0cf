using System.Text.Json.Serialization;
using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;
using AiTune.Tuning.Verification;

namespace AiTune.Serialization;

/// <summary>Source-generated JSON for the tuning commands' documents (plan, apply, rollback, verify, status).</summary>
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
        typeof(CamelCaseEnumConverter<PlanAction>),
        typeof(CamelCaseEnumConverter<ChangeOutcome>),
        typeof(CamelCaseEnumConverter<KnobStatus>),
        typeof(CamelCaseEnumConverter<TransactionPhase>),
    ])]
[JsonSerializable(typeof(TuningPlan))]
[JsonSerializable(typeof(ApplyReport))]
[JsonSerializable(typeof(RollbackReport))]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(StatusReport))]
public sealed partial class TuningJsonContext : JsonSerializerContext;
