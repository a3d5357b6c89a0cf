using System.Globalization;
using System.Text;
using AiTune.Text;

namespace AiTune.Models.Gguf;

/// <summary>
/// Reads GGUF metadata values and renders them as display text. Arrays are walked to their end (so the next key is
/// found) but only their first items are kept: a tokenizer's 150,000 tokens become a preview and a count.
/// </summary>
internal static class GgufValueReader
{
    /// <summary>How deep arrays may nest. The format allows nesting; no known writer nests at all, so 8 is generous.</summary>
    internal const int MaxArrayDepth = 8;

    /// <summary>How many items of an array the display shows.</summary>
    internal const int PreviewItems = 8;

    /// <summary>How many characters of a string value the display keeps (chat templates run to kilobytes).</summary>
    internal const int MaxValueChars = 1024;

    /// <summary>How many characters of a string inside an array the display keeps.</summary>
    internal const int MaxItemChars = 64;

    internal static GgufValueType ReadType(GgufCursor cursor, string what)
    {
        long at = cursor.Position;
        uint raw = cursor.ReadUInt32(what);
        if (raw > (uint)GgufValueType.Float64)
        {
            throw cursor.Invalid($"{what} at byte {at} is the unknown metadata value type {raw} (GGUF defines 0 to 12)");
        }

        return (GgufValueType)raw;
    }

    /// <summary>Reads one value of <paramref name="type"/> for the key shown as <paramref name="quotedKey"/>; returns its display text.</summary>
    internal static string Read(GgufCursor cursor, GgufValueType type, string quotedKey)
    {
        var display = new StringBuilder();
        ReadValue(cursor, type, quotedKey, $"the value of key {quotedKey}", 0, display);
        return display.ToString();
    }

    /// <param name="what">Names the value in errors; made once per key, as a tokenizer array holds 100,000 values.</param>
    private static void ReadValue(GgufCursor cursor, GgufValueType type, string quotedKey, string what, int depth, StringBuilder? display)
    {
        switch (type)
        {
            case GgufValueType.Uint8:
                Append(display, cursor.ReadByte(what));
                break;
            case GgufValueType.Int8:
                Append(display, (sbyte)cursor.ReadByte(what));
                break;
            case GgufValueType.Uint16:
                Append(display, cursor.ReadUInt16(what));
                break;
            case GgufValueType.Int16:
                Append(display, (short)cursor.ReadUInt16(what));
                break;
            case GgufValueType.Uint32:
                Append(display, cursor.ReadUInt32(what));
                break;
            case GgufValueType.Int32:
                Append(display, (int)cursor.ReadUInt32(what));
                break;
            case GgufValueType.Float32:
                Append(display, BitConverter.UInt32BitsToSingle(cursor.ReadUInt32(what)));
                break;
            case GgufValueType.Uint64:
                Append(display, cursor.ReadUInt64(what));
                break;
            case GgufValueType.Int64:
                Append(display, (long)cursor.ReadUInt64(what));
                break;
            case GgufValueType.Float64:
                Append(display, BitConverter.UInt64BitsToDouble(cursor.ReadUInt64(what)));
                break;
            case GgufValueType.Bool:
                long at = cursor.Position;
                byte flag = cursor.ReadByte(what);
                if (flag > 1)
                {
                    throw cursor.Invalid($"key {quotedKey} holds the BOOL value {flag} at byte {at}; a BOOL is 0 or 1");
                }

                display?.Append(flag == 1 ? "true" : "false");
                break;
            case GgufValueType.String:
                int keep = display is null ? 0 : depth == 0 ? MaxValueChars : MaxItemChars;
                string text = cursor.ReadString(what, ulong.MaxValue, "", keep, out bool cut);
                if (display is not null)
                {
                    display.Append(depth == 0 ? text : QuoteItem(text)).Append(cut ? "…" : "");
                }

                break;
            default:
                ReadArray(cursor, quotedKey, what, depth, display);
                break;
        }
    }

    private static void ReadArray(GgufCursor cursor, string quotedKey, string what, int depth, StringBuilder? display)
    {
        if (depth >= MaxArrayDepth)
        {
            throw cursor.Invalid($"key {quotedKey} nests arrays more than {MaxArrayDepth} levels deep");
        }

        var elementType = ReadType(cursor, $"the element type of an array of key {quotedKey}");
        long at = cursor.Position;
        ulong count = cursor.ReadUInt64($"the element count of an array of key {quotedKey}");
        int minBytes = MinBytes(elementType);
        if (count > (ulong)cursor.Remaining / (ulong)minBytes)
        {
            throw cursor.Invalid(
                $"an array of key {quotedKey} declares {count} elements of {Name(elementType)} at byte {at}, which need at least " +
                $"{(UInt128)count * (uint)minBytes} bytes, but only {cursor.Remaining} bytes remain in the file");
        }

        // Numbers of any bit pattern are valid, so unshown ones are skipped; strings, BOOLs and arrays are checked one by one.
        bool skippable = elementType is not (GgufValueType.String or GgufValueType.Array or GgufValueType.Bool);
        display?.Append('[');
        for (ulong i = 0; i < count; i++)
        {
            bool shown = display is not null && i < PreviewItems;
            if (!shown && skippable)
            {
                cursor.Skip((count - i) * (ulong)minBytes, $"an array of key {quotedKey}");
                break;
            }

            if (shown && i > 0)
            {
                display!.Append(", ");
            }

            ReadValue(cursor, elementType, quotedKey, what, depth + 1, shown ? display : null);
        }

        if (display is not null)
        {
            display.Append(count > PreviewItems ? ", …]" : "]");
            if (count > PreviewItems)
            {
                display.Append(CultureInfo.InvariantCulture, $" ({count} items)");
            }
        }
    }

    /// <summary>The fewest bytes one element can take: its size, or a string's or array's fixed prefix.</summary>
    private static int MinBytes(GgufValueType type) => type switch
    {
        GgufValueType.Uint8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.Uint16 or GgufValueType.Int16 => 2,
        GgufValueType.Uint32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.Uint64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        GgufValueType.String => 8,
        _ => 12,
    };

    internal static string Name(GgufValueType type) => type.ToString().ToUpperInvariant();

    private static void Append<T>(StringBuilder? display, T value) where T : IFormattable =>
        display?.Append(value.ToString(null, CultureInfo.InvariantCulture));

    private static string QuoteItem(string text) =>
        "\"" + DisplayText.Escape(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)) + "\"";
}
