using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Benchmarks.Load;
using AiTune.Benchmarks.Statistics;
using AiTune.Json;

namespace AiTune.Benchmarks.Store;

/// <summary>The result store's JSON (NativeAOT: source-generated): exports, the environment and load columns, case
/// parameters. The options of every document aitune writes (camelCase, indented, nulls written, enums as camelCase
/// strings, <see cref="ReadableJson"/>'s encoder), so exports are what they always were.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(CamelCaseEnumConverter<CaseOutcome>),
        typeof(CamelCaseEnumConverter<MetricDirection>),
        typeof(CamelCaseEnumConverter<ChangeVerdict>),
        typeof(CamelCaseEnumConverter<RankTestMethod>),
    ])]
[JsonSerializable(typeof(BenchmarkRunsDocument))]
[JsonSerializable(typeof(RunEnvironment))]
[JsonSerializable(typeof(RunLoad))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class StoreJsonContext : JsonSerializerContext
{
    public static StoreJsonContext Readable => readable ??= new(ReadableJson.Options(Default.Options));

    private static StoreJsonContext? readable;
}
