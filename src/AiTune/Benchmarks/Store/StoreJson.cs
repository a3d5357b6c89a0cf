using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiTune.Benchmarks.Store;

/// <summary>JSON as the store reads it: a missing property, a null where the type has none, a property aitune does
/// not know or one given twice is an error, not a default. Written compact (the environment column).</summary>
internal static class StoreJson
{
    public static StoreJsonContext Strict { get; } = new(new JsonSerializerOptions(StoreJsonContext.Default.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
