using System.Text.Json.Serialization;
using AiTune.Audit;
using AiTune.Json;
using AiTune.Profiles;

namespace AiTune.Tests.Serialization;

/// <summary>The serializer context `aitune audit --json` was written with before <see cref="AiTune.Serialization.AuditReportJson"/>:
/// the reference its text must match byte for byte.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(CamelCaseEnumConverter<FindingStatus>),
        typeof(CamelCaseEnumConverter<Severity>),
        typeof(CamelCaseEnumConverter<Category>),
    ])]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class SerializerAuditContext : JsonSerializerContext
{
    public static SerializerAuditContext Readable => readable ??= new(ReadableJson.Options(Default.Options));

    private static SerializerAuditContext? readable;
}
