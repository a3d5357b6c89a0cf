using System.Text.Json.Serialization;
using AiTune.Json;

namespace AiTune.Tuning.Journal;

/// <summary>One compact JSON object per journal line (NativeAOT: source-generated).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CamelCaseEnumConverter<JournalRecordKind>)])]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
