using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AiTune.Facts;

namespace AiTune.Serialization;

/// <summary>A known fact is written as its value; an unknown one as {"unknown": kind, "reason": text}, so a
/// reader can never mistake a missing value for a real 0 or "".</summary>
public sealed class FactJsonConverter<T> : JsonConverter<Fact<T>>
{
    public override Fact<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var probe = reader;
            probe.Read();
            if (probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals("unknown"))
            {
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                var kind = Enum.TryParse<UnknownKind>(root.GetProperty("unknown").GetString(), ignoreCase: true, out var k) ? k : UnknownKind.Unreadable;
                var reason = root.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
                return Fact.Unknown<T>(kind, reason);
            }
        }

        var value = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        return Fact.Known(value!);
    }

    public override void Write(Utf8JsonWriter writer, Fact<T> value, JsonSerializerOptions options)
    {
        if (value.TryGet(out var known))
        {
            JsonSerializer.Serialize(writer, known, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("unknown", JsonNamingPolicy.CamelCase.ConvertName(value.Reason!.Kind.ToString()));
        writer.WriteString("reason", value.Reason.Detail);
        writer.WriteEndObject();
    }
}
