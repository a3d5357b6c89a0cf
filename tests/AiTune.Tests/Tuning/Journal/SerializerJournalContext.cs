using System.Text.Json.Serialization;
using AiTune.Json;
using AiTune.Tuning.Journal;

namespace AiTune.Tests.Tuning.Journal;

/// <summary>The serializer context aitune wrote and read the journal with before <see cref="JournalRecordJson"/>:
/// the reference its lines must match byte for byte, so journals of either version read alike.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CamelCaseEnumConverter<JournalRecordKind>)])]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class SerializerJournalContext : JsonSerializerContext;
