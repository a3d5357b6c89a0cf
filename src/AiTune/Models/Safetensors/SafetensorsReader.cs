using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Models.Safetensors;

/// <summary>
/// Reads and validates a safetensors header as huggingface/safetensors does (<c>read_metadata</c> and
/// <c>Metadata::validate</c> in safetensors/src/tensor.rs):
/// <code>
/// offset 0   : u64 N (little-endian), the byte length of the JSON header; N ≤ 100,000,000
/// offset 8   : N bytes of UTF-8 JSON, starting with '{', possibly right-padded with spaces
/// offset 8+N : the byte buffer; data_offsets [BEGIN, END) are relative to its start
/// </code>
/// Tensors sorted by offset must cover the buffer exactly: the first BEGIN is 0, each BEGIN is the previous END, and
/// 8 + N + the last END is the file's length. END − BEGIN must be product(shape) × bits(dtype) / 8.
/// </summary>
internal static class SafetensorsReader
{
    /// <summary>safetensors' MAX_HEADER_SIZE.</summary>
    internal const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// The most dimensions a tensor may have: numpy's NPY_MAXDIMS (64) is the largest rank any framework that writes
    /// safetensors can hold, and the bound keeps a hostile header from listing millions of dimensions.
    /// </summary>
    private const int MaxRank = 64;

    private const string MetadataKey = "__metadata__";

    internal static ModelFile Read(Stream stream, string path, string shownPath)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw InvalidModelFile.Safetensors(shownPath,
                $"the file is {fileLength} bytes, too short for the 8-byte header length of a safetensors file");
        }

        Span<byte> lengthField = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(lengthField);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthField);
        if (headerLength > MaxHeaderBytes)
        {
            throw InvalidModelFile.Safetensors(shownPath,
                $"the header length {headerLength} bytes exceeds the safetensors limit of 100,000,000 bytes");
        }

        if (8 + (long)headerLength > fileLength)
        {
            throw InvalidModelFile.Safetensors(shownPath,
                $"the header length {headerLength} bytes runs past the end of the file ({fileLength} bytes)");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        return Parse(header, fileLength, path, shownPath);
    }

    private static ModelFile Parse(byte[] header, long fileLength, string path, string shownPath)
    {
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            string found = header.Length == 0 ? "the header is empty" : $"it starts with byte 0x{header[0]:x2}";
            throw InvalidModelFile.Safetensors(shownPath, $"the header does not start with '{{' ({found})");
        }

        if (!Utf8.IsValid(header))
        {
            throw InvalidModelFile.Safetensors(shownPath, "the header is not valid UTF-8");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>();
        try
        {
            ReadHeaderObject(header, metadata, entries, shownPath);
        }
        catch (JsonException e)
        {
            throw InvalidModelFile.Safetensors(shownPath, $"the header is {FileErrors.Describe(e)}");
        }

        long dataOffset = 8 + header.Length;
        var tensors = Validate(entries, (ulong)(fileLength - dataOffset), dataOffset, shownPath);
        long total = tensors.Sum(t => t.SizeBytes);
        return new ModelFile(ModelFormat.Safetensors, path, fileLength, header.Length, dataOffset, null, metadata, tensors, total);
    }

    private static void ReadHeaderObject(byte[] header, Dictionary<string, string> metadata, List<SafetensorsEntry> entries, string shownPath)
    {
        // Depth 3 is a tensor's shape array; nothing valid goes deeper, so deeper nesting fails fast.
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
        reader.Read();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = GetString(ref reader, "a key of the header", shownPath);
            if (!keys.Add(key))
            {
                throw InvalidModelFile.Safetensors(shownPath, $"the header lists the key {DisplayText.Quote(key)} twice");
            }

            reader.Read();
            if (key == MetadataKey)
            {
                ReadMetadata(ref reader, metadata, shownPath);
            }
            else
            {
                entries.Add(ReadTensor(ref reader, key, shownPath));
            }
        }

        // The object must end the header: this Read() throws on anything but whitespace (the padding) after it.
        reader.Read();
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string shownPath)
    {
        // The reference reader's Option<HashMap<String, String>> takes null as "no metadata".
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw InvalidModelFile.Safetensors(shownPath, $"\"{MetadataKey}\" must be an object of strings, found {Describe(reader.TokenType)}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = GetString(ref reader, $"a key of \"{MetadataKey}\"", shownPath);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw InvalidModelFile.Safetensors(shownPath,
                    $"\"{MetadataKey}\" value for key {DisplayText.Quote(key)} must be a string, found {Describe(reader.TokenType)}");
            }

            if (!metadata.TryAdd(key, GetString(ref reader, $"the \"{MetadataKey}\" value for key {DisplayText.Quote(key)}", shownPath)))
            {
                throw InvalidModelFile.Safetensors(shownPath, $"\"{MetadataKey}\" lists the key {DisplayText.Quote(key)} twice");
            }
        }
    }

    private static SafetensorsEntry ReadTensor(ref Utf8JsonReader reader, string name, string shownPath)
    {
        string tensor = $"tensor {DisplayText.Quote(name)}";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw InvalidModelFile.Safetensors(shownPath, $"{tensor} must be an object with dtype, shape and data_offsets, found {Describe(reader.TokenType)}");
        }

        string? dtype = null;
        int bits = 0;
        List<long>? shape = null;
        List<ulong>? offsets = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string field = GetString(ref reader, $"a field of {tensor}", shownPath);
            reader.Read();
            bool repeated;
            switch (field)
            {
                case "dtype":
                    repeated = dtype is not null;
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: \"dtype\" must be a string, found {Describe(reader.TokenType)}");
                    }

                    dtype = GetString(ref reader, $"the dtype of {tensor}", shownPath);
                    if (!SafetensorsDataType.TryGetBits(dtype, out bits))
                    {
                        throw InvalidModelFile.Safetensors(shownPath, $"{tensor} has the unknown dtype {DisplayText.Quote(dtype)}");
                    }

                    break;
                case "shape":
                    repeated = shape is not null;
                    shape = ReadIntegers(ref reader, tensor, "shape", MaxRank, shownPath).Select(d => CheckDimension(d, tensor, shownPath)).ToList();
                    break;
                case "data_offsets":
                    repeated = offsets is not null;
                    offsets = ReadIntegers(ref reader, tensor, "data_offsets", 2, shownPath);
                    if (offsets.Count != 2)
                    {
                        throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: \"data_offsets\" must hold exactly two integers [BEGIN, END], found {offsets.Count}");
                    }

                    break;
                default:
                    throw InvalidModelFile.Safetensors(shownPath,
                        $"{tensor} has the unexpected field {DisplayText.Quote(field)} (a tensor has only dtype, shape and data_offsets)");
            }

            if (repeated)
            {
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor} lists the field \"{field}\" twice");
            }
        }

        string? missing = dtype is null ? "dtype" : shape is null ? "shape" : offsets is null ? "data_offsets" : null;
        if (missing is not null)
        {
            throw InvalidModelFile.Safetensors(shownPath, $"{tensor} has no \"{missing}\"");
        }

        return new SafetensorsEntry(name, dtype!, bits, shape!, offsets![0], offsets[1]);
    }

    private static List<ulong> ReadIntegers(ref Utf8JsonReader reader, string tensor, string field, int maxCount, string shownPath)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: \"{field}\" must be an array of integers, found {Describe(reader.TokenType)}");
        }

        var values = new List<ulong>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out ulong value))
            {
                string found = reader.TokenType == JsonTokenType.Number ? "a number that is not a whole number from 0 to 2^64−1" : Describe(reader.TokenType);
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: \"{field}\"[{values.Count}] must be a non-negative integer, found {found}");
            }

            if (values.Count == maxCount)
            {
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: \"{field}\" holds more than {maxCount} values");
            }

            values.Add(value);
        }

        return values;
    }

    private static long CheckDimension(ulong dimension, string tensor, string shownPath) =>
        dimension <= long.MaxValue
            ? (long)dimension
            : throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: the dimension {dimension} is larger than 2^63−1");

    /// <summary>Checks the tensors against each other and the data section; returns them in offset order.</summary>
    private static List<ModelTensor> Validate(List<SafetensorsEntry> entries, ulong dataLength, long dataOffset, string shownPath)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        var tensors = new List<ModelTensor>(sorted.Count);
        ulong covered = 0;
        SafetensorsEntry? previous = null;
        foreach (var entry in sorted)
        {
            string tensor = $"tensor {DisplayText.Quote(entry.Name)}";
            if (entry.End < entry.Begin)
            {
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor} has data_offsets [{entry.Begin}, {entry.End}] whose END is before its BEGIN");
            }

            if (entry.Begin > covered)
            {
                string gap = previous is null
                    ? $"{tensor} starts at byte {entry.Begin} of the data section, so bytes [0, {entry.Begin}) belong to no tensor"
                    : $"bytes [{covered}, {entry.Begin}) of the data section, between tensor {DisplayText.Quote(previous.Name)} and {tensor}, belong to no tensor";
                throw InvalidModelFile.Safetensors(shownPath, $"{gap} (tensors must be contiguous)");
            }

            if (entry.Begin < covered)
            {
                throw InvalidModelFile.Safetensors(shownPath,
                    $"{tensor} (bytes [{entry.Begin}, {entry.End})) overlaps tensor {DisplayText.Quote(previous!.Name)}, which ends at byte {covered}");
            }

            if (entry.End > dataLength)
            {
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor} ends at byte {entry.End} but the data section holds {dataLength} bytes");
            }

            ulong elements = 1;
            foreach (long dimension in entry.Shape)
            {
                if (!TryMultiply(elements, (ulong)dimension, out elements))
                {
                    throw InvalidModelFile.Safetensors(shownPath, $"{tensor} has the shape [{string.Join(", ", entry.Shape)}], more elements than fit in 64 bits");
                }
            }

            UInt128 bits = (UInt128)elements * (uint)entry.Bits;
            if (bits % 8 != 0)
            {
                throw InvalidModelFile.Safetensors(shownPath, $"{tensor}: {elements} elements of {entry.DataType} are not a whole number of bytes");
            }

            ulong size = entry.End - entry.Begin;
            if (bits / 8 != size)
            {
                throw InvalidModelFile.Safetensors(shownPath,
                    $"{tensor}: {elements} elements of {entry.DataType} (shape [{string.Join(", ", entry.Shape)}]) take {bits / 8} bytes but data_offsets [{entry.Begin}, {entry.End}] hold {size}");
            }

            tensors.Add(new ModelTensor(entry.Name, entry.DataType, entry.Shape, dataOffset + (long)entry.Begin, (long)size));
            covered = entry.End;
            previous = entry;
        }

        if (covered != dataLength)
        {
            throw InvalidModelFile.Safetensors(shownPath,
                $"the data section holds {dataLength} bytes but the tensors cover only {covered}: the last {dataLength - covered} bytes belong to no tensor");
        }

        return tensors;
    }

    private static bool TryMultiply(ulong left, ulong right, out ulong product)
    {
        UInt128 wide = (UInt128)left * right;
        product = (ulong)wide;
        return wide <= ulong.MaxValue;
    }

    private static string GetString(ref Utf8JsonReader reader, string what, string shownPath)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape such as "\ud800" names half a surrogate pair: no text can hold it.
            throw InvalidModelFile.Safetensors(shownPath, $"{what} is not valid text (it escapes an unpaired surrogate)");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
