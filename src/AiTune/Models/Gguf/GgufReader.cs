using System.Buffers.Binary;
using System.Globalization;
using AiTune.Text;

namespace AiTune.Models.Gguf;

/// <summary>
/// Reads and validates a GGUF header (ggml docs/gguf.md; checks as in ggml's <c>gguf_init_from_file_impl</c>, plus the
/// bounds check llama.cpp's loader makes on each tensor's data):
/// <code>
/// u32 magic "GGUF", u32 version (2 or 3), u64 tensor_count, u64 metadata_kv_count
/// metadata_kv[]: gguf_string key, u32 value_type, value
/// tensor_info[]: gguf_string name, u32 n_dimensions, u64 ne[n_dimensions], u32 ggml_type, u64 offset
/// padding to ALIGNMENT, then tensor_data; each offset is relative to tensor_data and a multiple of ALIGNMENT
/// </code>
/// </summary>
internal static class GgufReader
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    private const uint Magic = 0x46554747;

    private const uint NewestVersion = 3;

    /// <summary>gguf.md: a key is at most 2^16 − 1 bytes.</summary>
    private const ulong MaxKeyBytes = 65535;

    /// <summary>ggml keeps names in char[GGML_MAX_NAME = 64] with the terminating NUL and rejects names of 64 bytes or more.</summary>
    private const ulong MaxTensorNameBytes = 63;

    /// <summary>GGML_MAX_DIMS.</summary>
    private const uint MaxDimensions = 4;

    /// <summary>GGUF_DEFAULT_ALIGNMENT, used when general.alignment is absent.</summary>
    private const uint DefaultAlignment = 32;

    /// <summary>
    /// The most tensors and the most metadata keys a file may declare. Real models have a few thousand of each;
    /// the cap keeps a hostile file of tiny entries from making the reader build millions of objects.
    /// </summary>
    private const ulong MaxEntries = 1 << 20;

    /// <summary>The smallest metadata entry: an empty key (8-byte length), a type (4) and a one-byte value.</summary>
    private const ulong MinEntryBytes = 8 + 4 + 1;

    /// <summary>The smallest tensor info: an empty name (8-byte length), n_dimensions (4), one dimension (8), type (4), offset (8).</summary>
    private const ulong MinTensorInfoBytes = 8 + 4 + 8 + 4 + 8;

    private const string AlignmentKey = "general.alignment";
    private const string ArchitectureKey = "general.architecture";

    internal static ModelFile Read(Stream stream, string path, string shownPath)
    {
        var cursor = new GgufCursor(stream, shownPath);
        ReadPreamble(cursor, out ulong tensorCount, out ulong entryCount);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        uint alignment = DefaultAlignment;
        string? architecture = null;
        for (ulong i = 0; i < entryCount; i++)
        {
            string key = cursor.ReadString($"the key of metadata entry {i}", MaxKeyBytes, "the GGUF limit of 65535 bytes", int.MaxValue, out _);
            string quoted = DisplayText.Quote(key);
            if (metadata.ContainsKey(key))
            {
                throw cursor.Invalid($"the metadata lists the key {quoted} twice");
            }

            var type = GgufValueReader.ReadType(cursor, $"the type of key {quoted}");
            if (key == AlignmentKey)
            {
                alignment = ReadAlignment(cursor, type);
                metadata[key] = alignment.ToString(CultureInfo.InvariantCulture);
                continue;
            }

            if (key == ArchitectureKey && type != GgufValueType.String)
            {
                throw cursor.Invalid($"{ArchitectureKey} must be a STRING, found {GgufValueReader.Name(type)}");
            }

            metadata[key] = GgufValueReader.Read(cursor, type, quoted);
            if (key == ArchitectureKey)
            {
                architecture = metadata[key];
            }
        }

        var infos = new List<GgufTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var info = ReadTensorInfo(cursor, i, alignment);
            if (!names.Add(info.Name))
            {
                throw cursor.Invalid($"two tensors are named {DisplayText.Quote(info.Name)}");
            }

            infos.Add(info);
        }

        long headerEnd = cursor.Position;
        long dataOffset = headerEnd + (alignment - headerEnd % alignment) % alignment;
        var tensors = Place(cursor, infos, dataOffset);
        long total = tensors.Sum(t => t.SizeBytes);
        return new ModelFile(ModelFormat.Gguf, path, cursor.Length, headerEnd, dataOffset, architecture, metadata, tensors, total);
    }

    private static void ReadPreamble(GgufCursor cursor, out ulong tensorCount, out ulong entryCount)
    {
        uint magic = cursor.ReadUInt32("the magic");
        if (magic != Magic)
        {
            string found = string.Concat(Enumerable.Range(0, 4).Select(i => (byte)(magic >> (8 * i))).Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}"));
            throw cursor.Invalid($"the file does not start with the GGUF magic (found '{found}')");
        }

        uint version = cursor.ReadUInt32("the version");
        if (version != 0 && (version & 0xFFFF) == 0)
        {
            throw cursor.Invalid(
                $"big-endian GGUF is not supported (the version field reads 0x{version:x8}, a byte-swapped {BinaryPrimitives.ReverseEndianness(version)})",
                "convert the file to little-endian with gguf-py's gguf_convert_endian.py, or use the little-endian release of the model");
        }

        if (version == 1)
        {
            throw cursor.Invalid("GGUF version 1 is no longer supported (ggml reads versions 2 and 3)",
                "re-convert the model with a current llama.cpp, or download a newer GGUF of it");
        }

        if (version is 0 or > NewestVersion)
        {
            throw cursor.Invalid($"GGUF version {version} is not supported (aitune reads versions 2 and 3)");
        }

        tensorCount = cursor.ReadUInt64("the tensor count");
        entryCount = cursor.ReadUInt64("the metadata key count");
        if (tensorCount > MaxEntries || entryCount > MaxEntries)
        {
            throw cursor.Invalid($"the header declares {tensorCount} tensors and {entryCount} metadata keys; aitune reads at most {MaxEntries} of each");
        }

        UInt128 needed = (UInt128)entryCount * MinEntryBytes + (UInt128)tensorCount * MinTensorInfoBytes;
        if (needed > (ulong)cursor.Remaining)
        {
            throw cursor.Invalid(
                $"the header declares {entryCount} metadata keys and {tensorCount} tensors, which need at least {needed} bytes, " +
                $"but only {cursor.Remaining} bytes follow the counts");
        }
    }

    private static uint ReadAlignment(GgufCursor cursor, GgufValueType type)
    {
        if (type != GgufValueType.Uint32)
        {
            throw cursor.Invalid($"{AlignmentKey} must be a UINT32, found {GgufValueReader.Name(type)}");
        }

        uint alignment = cursor.ReadUInt32($"the value of {AlignmentKey}");
        if (alignment == 0)
        {
            throw cursor.Invalid($"{AlignmentKey} is 0; an alignment must be a power of two");
        }

        if (!uint.IsPow2(alignment))
        {
            throw cursor.Invalid($"{AlignmentKey} is {alignment}, not a power of two");
        }

        return alignment;
    }

    private static GgufTensorInfo ReadTensorInfo(GgufCursor cursor, ulong index, uint alignment)
    {
        string name = cursor.ReadString($"the name of tensor {index}", MaxTensorNameBytes,
            "ggml's limit of 63 bytes (GGML_MAX_NAME is 64 with the terminating NUL)", int.MaxValue, out _);
        string tensor = $"tensor {DisplayText.Quote(name)}";

        uint dimensionCount = cursor.ReadUInt32($"the dimension count of {tensor}");
        if (dimensionCount is 0 or > MaxDimensions)
        {
            throw cursor.Invalid($"{tensor} has {dimensionCount} dimensions; ggml tensors have 1 to {MaxDimensions}");
        }

        var shape = new long[dimensionCount];
        long elements = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            ulong dimension = cursor.ReadUInt64($"dimension {d} of {tensor}");
            if (dimension is 0 or > long.MaxValue)
            {
                throw cursor.Invalid($"{tensor} has dimension {d} = {dimension}; a dimension must be from 1 to 2^63−1");
            }

            shape[d] = (long)dimension;
            if (!TryMultiply(elements, shape[d], out elements))
            {
                throw cursor.Invalid($"{tensor} has the shape [{string.Join(", ", shape.Take(d + 1))}…], more elements than fit in 63 bits");
            }
        }

        long typeAt = cursor.Position;
        uint typeId = cursor.ReadUInt32($"the type of {tensor}");
        var type = GgmlType.Find(typeId);
        if (type is null)
        {
            string? removed = GgmlType.RemovedName(typeId);
            throw cursor.Invalid(removed is null
                ? $"{tensor} has the unknown ggml type {typeId} at byte {typeAt}"
                : $"{tensor} has ggml type {typeId} ({removed}), which ggml has removed");
        }

        if (shape[0] % type.BlockSize != 0)
        {
            throw cursor.Invalid($"{tensor} of type {type.Name} has {shape[0]} elements per row, not a multiple of its block size {type.BlockSize}");
        }

        long size = shape[0] / type.BlockSize;
        foreach (long factor in shape.Skip(1).Prepend(type.TypeSize))
        {
            if (!TryMultiply(size, factor, out size))
            {
                throw cursor.Invalid($"{tensor} of type {type.Name} and shape [{string.Join(", ", shape)}] takes more bytes than fit in 63 bits");
            }
        }

        ulong offset = cursor.ReadUInt64($"the data offset of {tensor}");
        if (offset % alignment != 0)
        {
            throw cursor.Invalid($"{tensor} has the data offset {offset}, not a multiple of the alignment {alignment}");
        }

        return new GgufTensorInfo(name, type, shape, offset, size);
    }

    /// <summary>Checks that every tensor lies inside the file and that no two share bytes; returns them in offset order.</summary>
    private static List<ModelTensor> Place(GgufCursor cursor, List<GgufTensorInfo> infos, long dataOffset)
    {
        long dataLength = Math.Max(0, cursor.Length - dataOffset);
        GgufTensorInfo? previous = null;
        var tensors = new List<ModelTensor>(infos.Count);
        foreach (var info in infos.OrderBy(i => i.Offset))
        {
            string tensor = $"tensor {DisplayText.Quote(info.Name)}";
            UInt128 end = (UInt128)info.Offset + (ulong)info.SizeBytes;
            if (end > (ulong)dataLength)
            {
                throw cursor.Invalid($"{tensor} ends at byte {end} of the data section but the data section holds {dataLength} bytes");
            }

            if (previous is not null && info.Offset < previous.Offset + (ulong)previous.SizeBytes)
            {
                throw cursor.Invalid(
                    $"{tensor} (bytes [{info.Offset}, {end}) of the data section) overlaps tensor {DisplayText.Quote(previous.Name)}, " +
                    $"which ends at byte {previous.Offset + (ulong)previous.SizeBytes}");
            }

            tensors.Add(new ModelTensor(info.Name, info.Type.Name, info.Shape, dataOffset + (long)info.Offset, info.SizeBytes));
            previous = info;
        }

        return tensors;
    }

    private static bool TryMultiply(long left, long right, out long product)
    {
        Int128 wide = (Int128)left * right;
        product = (long)wide;
        return wide <= long.MaxValue;
    }
}
