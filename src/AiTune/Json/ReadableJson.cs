using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiTune.Json;

/// <summary>The encoder every document aitune prints or writes uses. The default encoder escapes what HTML would
/// misread ('&lt;', '&gt;', '&amp;', '+', the apostrophe), so ">= 262144" came out as "\u003E= 262144": valid, but
/// not what a person greps for. This one keeps them as they are and still escapes control characters, quotes and
/// backslashes, so no value can break the document or a terminal.</summary>
public static class ReadableJson
{
    /// <summary>A source-generated context's options with the readable encoder.</summary>
    public static JsonSerializerOptions Options(JsonSerializerOptions generated) =>
        new(generated) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same for a document written with a <see cref="Utf8JsonWriter"/>: indented as the serializer
    /// indents, with the readable encoder.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
