using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AiTune.Tuning.Journal;

/// <summary>
/// A journal record as one compact JSON object, written with System.Text.Json's writer and read with its reader
/// rather than through its serializer. The serializer builds a record's metadata (type infos for each field, their
/// converters, their static constructors) in every process before the first line: about 3 ms of each apply, verify
/// and rollback for a flat record of 25 fields (docs/BENCHMARKS.md). The text is the serializer's: camelCase names
/// in declaration order, nulls left out, the writer's default escaping; journals written by either read alike.
/// Reading is strict where the serializer was: a field of the wrong type, a value after the object, or an
/// unreadable time is an error; a field it does not know is skipped, and a repeated field keeps its last value.
/// </summary>
internal static class JournalRecordJson
{
    private static readonly string[] KindNames =
        ["begin", "intent", "written", "failed", "commit", "rollbackBegin", "restored", "rollbackEnd"];

    public static string Write(JournalRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", record.Seq);
            writer.WriteString("kind", KindNames[(int)record.Kind]);
            writer.WriteString("time", record.Time);
            WriteIfSet(writer, "profile", record.Profile);
            WriteIfSet(writer, "user", record.User);
            if (record.Uid is { } uid)
            {
                writer.WriteNumber("uid", uid);
            }

            WriteIfSet(writer, "bootId", record.BootId);
            WriteIfSet(writer, "kernel", record.Kernel);
            WriteIfSet(writer, "toolVersion", record.ToolVersion);
            WriteIfSet(writer, "model", record.Model);
            if (record.ModelBytes is { } modelBytes)
            {
                writer.WriteNumber("modelBytes", modelBytes);
            }

            if (record.Persist is { } persist)
            {
                writer.WriteBoolean("persist", persist);
            }

            if (record.PendingReboot is { } pending)
            {
                writer.WriteStartArray("pendingReboot");
                foreach (var parameter in pending)
                {
                    writer.WriteStringValue(parameter);
                }

                writer.WriteEndArray();
            }

            if (record.Settings is { } settings)
            {
                writer.WriteStartArray("settings");
                foreach (var setting in settings)
                {
                    WriteSetting(writer, setting);
                }

                writer.WriteEndArray();
            }

            if (record.Held is { } held)
            {
                writer.WriteStartObject("held");
                foreach (var (knob, value) in held)
                {
                    writer.WriteString(knob, value);
                }

                writer.WriteEndObject();
            }

            if (record.Ref is { } reference)
            {
                writer.WriteNumber("ref", reference);
            }

            WriteIfSet(writer, "knob", record.Knob);
            WriteIfSet(writer, "subject", record.Subject);
            WriteIfSet(writer, "path", record.Path);
            WriteIfSet(writer, "original", record.Original);
            WriteIfSet(writer, "target", record.Target);
            if (record.CreatesDirectory is { } createsDirectory)
            {
                writer.WriteBoolean("createsDirectory", createsDirectory);
            }

            WriteIfSet(writer, "value", record.Value);
            WriteIfSet(writer, "error", record.Error);
            WriteIfSet(writer, "outcome", record.Outcome);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The record in <paramref name="json"/>; null for the JSON literal null.</summary>
    /// <exception cref="JsonException">Not JSON, not one object, or a field of the wrong type.</exception>
    public static JournalRecord? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("an empty line");
        }

        JournalRecord? record = reader.TokenType == JsonTokenType.Null ? null : ReadRecord(ref reader);
        // The reader refuses anything but blanks after the value (a second value, a stray character).
        reader.Read();
        return record;
    }

    private static JournalRecord ReadRecord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the line holds no JSON object");
        }

        long seq = 0;
        JournalRecordKind kind = default;
        DateTimeOffset at = default;
        string? profile = null, user = null, bootId = null, kernel = null, toolVersion = null, model = null;
        string? knob = null, subject = null, path = null, original = null, target = null, value = null, error = null, outcome = null;
        int? uid = null;
        long? modelBytes = null, reference = null;
        bool? persist = null, createsDirectory = null;
        List<string>? pendingReboot = null;
        List<JournalSetting>? settings = null;
        Dictionary<string, string>? held = null;
        while (NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "seq": seq = ReadInt64(ref reader, name) ?? throw Wrong(name, "a whole number"); break;
                case "kind": kind = ReadKind(ref reader); break;
                case "time": at = ReadTime(ref reader); break;
                case "profile": profile = ReadString(ref reader, name); break;
                case "user": user = ReadString(ref reader, name); break;
                case "uid": uid = ReadInt32(ref reader, name); break;
                case "bootId": bootId = ReadString(ref reader, name); break;
                case "kernel": kernel = ReadString(ref reader, name); break;
                case "toolVersion": toolVersion = ReadString(ref reader, name); break;
                case "model": model = ReadString(ref reader, name); break;
                case "modelBytes": modelBytes = ReadInt64(ref reader, name); break;
                case "persist": persist = ReadBoolean(ref reader, name); break;
                case "pendingReboot": pendingReboot = ReadStrings(ref reader, name); break;
                case "settings": settings = ReadSettings(ref reader); break;
                case "held": held = ReadHeld(ref reader); break;
                case "ref": reference = ReadInt64(ref reader, name); break;
                case "knob": knob = ReadString(ref reader, name); break;
                case "subject": subject = ReadString(ref reader, name); break;
                case "path": path = ReadString(ref reader, name); break;
                case "original": original = ReadString(ref reader, name); break;
                case "target": target = ReadString(ref reader, name); break;
                case "createsDirectory": createsDirectory = ReadBoolean(ref reader, name); break;
                case "value": value = ReadString(ref reader, name); break;
                case "error": error = ReadString(ref reader, name); break;
                case "outcome": outcome = ReadString(ref reader, name); break;
                default: reader.Skip(); break;
            }
        }

        return new JournalRecord
        {
            Seq = seq, Kind = kind, Time = at, Profile = profile, User = user, Uid = uid, BootId = bootId, Kernel = kernel,
            ToolVersion = toolVersion, Model = model, ModelBytes = modelBytes, Persist = persist, PendingReboot = pendingReboot,
            Settings = settings, Held = held, Ref = reference, Knob = knob, Subject = subject, Path = path, Original = original,
            Target = target, CreatesDirectory = createsDirectory, Value = value, Error = error, Outcome = outcome,
        };
    }

    private static void WriteSetting(Utf8JsonWriter writer, JournalSetting setting)
    {
        writer.WriteStartObject();
        writer.WriteString("knob", setting.Knob);
        if (setting.Node is { } node)
        {
            writer.WriteNumber("node", node);
        }

        WriteIfSet(writer, "expected", setting.Expected);
        WriteIfSet(writer, "skipped", setting.Skipped);
        writer.WriteString("profile", setting.Profile);
        writer.WriteString("source", setting.Source);
        WriteIfSet(writer, "why", setting.Why);
        writer.WriteEndObject();
    }

    private static List<JournalSetting>? ReadSettings(ref Utf8JsonReader reader)
    {
        if (!StartOrNull(ref reader, JsonTokenType.StartArray, "settings"))
        {
            return null;
        }

        var settings = new List<JournalSetting>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Wrong("settings", "a list of objects");
            }

            string knob = "", profile = "", source = "";
            string? expected = null, skipped = null, why = null;
            int? node = null;
            while (NextProperty(ref reader, out string name))
            {
                switch (name)
                {
                    case "knob": knob = ReadString(ref reader, name) ?? ""; break;
                    case "node": node = ReadInt32(ref reader, name); break;
                    case "expected": expected = ReadString(ref reader, name); break;
                    case "skipped": skipped = ReadString(ref reader, name); break;
                    case "profile": profile = ReadString(ref reader, name) ?? ""; break;
                    case "source": source = ReadString(ref reader, name) ?? ""; break;
                    case "why": why = ReadString(ref reader, name); break;
                    default: reader.Skip(); break;
                }
            }

            settings.Add(new JournalSetting { Knob = knob, Node = node, Expected = expected, Skipped = skipped, Profile = profile, Source = source, Why = why });
        }

        return settings;
    }

    private static Dictionary<string, string>? ReadHeld(ref Utf8JsonReader reader)
    {
        if (!StartOrNull(ref reader, JsonTokenType.StartObject, "held"))
        {
            return null;
        }

        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out string knob))
        {
            held[knob] = ReadString(ref reader, "held") ?? throw Wrong("held", "strings");
        }

        return held;
    }

    private static List<string>? ReadStrings(ref Utf8JsonReader reader, string name)
    {
        if (!StartOrNull(ref reader, JsonTokenType.StartArray, name))
        {
            return null;
        }

        var strings = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            strings.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Wrong(name, "a list of strings"));
        }

        return strings;
    }

    /// <summary>Moves to the next property of the object being read and past its name; false at the object's end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString()!;
        return true;
    }

    /// <summary>Reads the value's first token: true at <paramref name="start"/>, false at null.</summary>
    private static bool StartOrNull(ref Utf8JsonReader reader, JsonTokenType start, string name)
    {
        reader.Read();
        return reader.TokenType == start
            || (reader.TokenType == JsonTokenType.Null ? false : throw Wrong(name, start == JsonTokenType.StartArray ? "a list" : "an object"));
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Wrong(name, "a string"),
        };
    }

    private static long? ReadInt64(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out long number) => number,
            JsonTokenType.Null => null,
            _ => throw Wrong(name, "a whole number"),
        };
    }

    private static int? ReadInt32(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out int number) => number,
            JsonTokenType.Null => null,
            _ => throw Wrong(name, "a whole number"),
        };
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Wrong(name, "true or false"),
        };
    }

    private static JournalRecordKind ReadKind(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            int index = Array.IndexOf(KindNames, reader.GetString());
            if (index >= 0)
            {
                return (JournalRecordKind)index;
            }
        }

        throw Wrong("kind", "one of " + string.Join(", ", KindNames));
    }

    private static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)
            ? time
            : throw Wrong("time", "an ISO 8601 time");
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static JsonException Wrong(string field, string expected) => new($"the field \"{field}\" is not {expected}");
}
