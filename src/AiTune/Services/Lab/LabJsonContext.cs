using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Json;

namespace AiTune.Services.Lab;

/// <summary>The lab guest's report (NativeAOT: source-generated), with the options of every document aitune writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LabGuestReport))]
[JsonSerializable(typeof(GuestSnapshot))]
public sealed partial class LabJsonContext : JsonSerializerContext
{
    public static LabJsonContext Strict => strict ??= new(ReadableJson.Options(Default.Options));

    private static LabJsonContext? strict;
}
