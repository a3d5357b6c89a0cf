using System.Text.Json;
using System.Text.Json.Serialization;
using AiTune.Json;

namespace AiTune.Lab.Guest;

/// <summary>The lab guest's documents (NativeAOT: source-generated): lab.json in, the payload's and the error document
/// out, with the options of every document aitune writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LabSettings))]
[JsonSerializable(typeof(GuestIdentity))]
[JsonSerializable(typeof(GuestFailure))]
public sealed partial class LabGuestJsonContext : JsonSerializerContext
{
    public static LabGuestJsonContext Readable => readable ??= new(ReadableJson.Options(Default.Options));

    private static LabGuestJsonContext? readable;
}
