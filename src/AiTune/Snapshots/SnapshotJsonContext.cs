using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Facts;
using AiTune.Json;

namespace AiTune.Snapshots;

/// <summary>aitune-snapshot.json (NativeAOT: source-generated), with the options of every document aitune writes
/// (camelCase, indented, nulls written, <see cref="ReadableJson"/>'s encoder), so the file is what it always was.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(CamelCaseEnumConverter<UnknownKind>)])]
[JsonSerializable(typeof(SnapshotMetadata))]
public sealed partial class SnapshotJsonContext : JsonSerializerContext
{
    public static SnapshotJsonContext Readable => readable ??= new(ReadableJson.Options(Default.Options));

    private static SnapshotJsonContext? readable;
}
