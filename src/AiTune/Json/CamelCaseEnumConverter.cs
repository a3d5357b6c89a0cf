using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiTune.Json;

/// <summary>Enums as camelCase strings ("notApplicable"), without reflection.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
