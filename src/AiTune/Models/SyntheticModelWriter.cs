using System.Buffers;
using System.Text;
using System.Text.Json;
using AiTune.Files;
using AiTune.Models.Gguf;

namespace AiTune.Models;

/// <summary>
/// Writes valid safetensors and GGUF files of a requested size, for tests and for load benchmarks that need a model
/// file of known shape. The file is streamed: memory use stays at one 1 MiB pattern whatever the size.
/// </summary>
public static class SyntheticModelWriter
{
    private const int PatternBytes = 1 << 20;
    private const uint GgufAlignment = 32;
    private const uint GgufVersion = 3;

    /// <summary>The tensors fill at most the requested size; the header and the alignment padding come on top.</summary>
    private const long HeaderAllowanceBytes = 64 << 10;

    /// <summary>
    /// Writes a model file of about <paramref name="approximateSizeBytes"/> bytes (at least a few KiB) with four
    /// tensors — an embedding, a norm, a projection and an output — and returns them as
    /// <see cref="ModelFileReader.Read"/> will report them. safetensors tensors are F16 and F32; GGUF tensors are
    /// Q8_0, F32 and F16. The file appears whole or not at all (<see cref="OutputFile"/>): the free space is checked
    /// first, and a failure, a full disk or <paramref name="cancellation"/> leaves nothing behind.
    /// </summary>
    /// <param name="replace">Replace an existing file (atomically); otherwise an existing file is an error.</param>
    public static IReadOnlyList<ModelTensor> Write(string path, ModelFormat format, long approximateSizeBytes, bool replace = false,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(approximateSizeBytes);
        return OutputFile.Write(path, approximateSizeBytes + HeaderAllowanceBytes, replace, stream => format == ModelFormat.Gguf
            ? WriteGguf(stream, approximateSizeBytes, cancellation)
            : WriteSafetensors(stream, approximateSizeBytes, cancellation), cancellation);
    }

    /// <summary>Row length: small files keep rows short so that "a few KiB" still holds several rows.</summary>
    private static long Columns(long sizeBytes) => sizeBytes < 1 << 20 ? 32 : sizeBytes < 256L << 20 ? 1024 : 4096;

    private static List<ModelTensor> WriteSafetensors(Stream file, long sizeBytes, CancellationToken cancellation)
    {
        long columns = Columns(sizeBytes);
        long rows = Math.Max(1, (sizeBytes - columns * 4) / 3 / (columns * 2));
        (string Name, string DataType, long[] Shape, long Bytes)[] plan =
        [
            ("model.embed_tokens.weight", "F16", [rows, columns], rows * columns * 2),
            ("model.layers.0.input_layernorm.weight", "F32", [columns], columns * 4),
            ("model.layers.0.mlp.up_proj.weight", "F16", [rows, columns], rows * columns * 2),
            ("lm_head.weight", "F16", [rows, columns], rows * columns * 2),
        ];

        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            writer.WriteString("format", "pt");
            writer.WriteEndObject();
            long begin = 0;
            foreach (var tensor in plan)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", tensor.DataType);
                writer.WriteStartArray("shape");
                foreach (long dimension in tensor.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(begin);
                writer.WriteNumberValue(begin + tensor.Bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                begin += tensor.Bytes;
            }

            writer.WriteEndObject();
        }

        // The reference serializer pads the header with spaces to a multiple of 8, so the data starts 8-byte aligned.
        int padding = (8 - json.WrittenCount % 8) % 8;
        long headerLength = json.WrittenCount + padding;
        Span<byte> lengthField = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(lengthField, (ulong)headerLength);
        file.Write(lengthField);
        file.Write(json.WrittenSpan);
        file.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));

        var pattern = Pattern();
        var tensors = new List<ModelTensor>(plan.Length);
        long offset = 8 + headerLength;
        foreach (var tensor in plan)
        {
            WriteData(file, pattern, tensor.Bytes, cancellation);
            tensors.Add(new ModelTensor(tensor.Name, tensor.DataType, tensor.Shape, offset, tensor.Bytes));
            offset += tensor.Bytes;
        }

        return tensors;
    }

    private static List<ModelTensor> WriteGguf(Stream file, long sizeBytes, CancellationToken cancellation)
    {
        var q8 = GgmlType.Find(8)!;
        var f32 = GgmlType.Find(0)!;
        var f16 = GgmlType.Find(1)!;
        long columns = Columns(sizeBytes);
        long q8Row = columns / q8.BlockSize * q8.TypeSize;
        long rows = Math.Max(1, (sizeBytes - columns * 4) / (2 * q8Row + columns * 2));
        (string Name, GgmlType Type, long[] Shape, long Bytes)[] plan =
        [
            ("token_embd.weight", q8, [columns, rows], q8Row * rows),
            ("blk.0.attn_norm.weight", f32, [columns], columns * 4),
            ("blk.0.ffn_up.weight", q8, [columns, rows], q8Row * rows),
            ("output.weight", f16, [columns, rows], columns * 2 * rows),
        ];

        using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(GgufVersion);
        writer.Write((ulong)plan.Length);
        writer.Write(8UL);
        WriteKey(writer, "general.architecture", GgufValueType.String);
        WriteString(writer, "llama");
        WriteKey(writer, "general.name", GgufValueType.String);
        WriteString(writer, "aitune synthetic model");
        WriteKey(writer, "general.alignment", GgufValueType.Uint32);
        writer.Write(GgufAlignment);
        WriteKey(writer, "general.file_type", GgufValueType.Uint32);
        writer.Write(7u); // LLAMA_FTYPE_MOSTLY_Q8_0
        WriteKey(writer, "general.quantization_version", GgufValueType.Uint32);
        writer.Write(2u);
        WriteKey(writer, "llama.block_count", GgufValueType.Uint32);
        writer.Write(1u);
        WriteKey(writer, "llama.embedding_length", GgufValueType.Uint32);
        writer.Write((uint)columns);
        WriteKey(writer, "tokenizer.ggml.tokens", GgufValueType.Array);
        writer.Write((uint)GgufValueType.String);
        writer.Write(3UL);
        WriteString(writer, "<unk>");
        WriteString(writer, "<s>");
        WriteString(writer, "</s>");

        ulong offset = 0;
        var offsets = new ulong[plan.Length];
        for (int i = 0; i < plan.Length; i++)
        {
            var tensor = plan[i];
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Length);
            foreach (long dimension in tensor.Shape)
            {
                writer.Write((ulong)dimension);
            }

            writer.Write(tensor.Type.Id);
            writer.Write(offset);
            offsets[i] = offset;
            offset = Align(offset + (ulong)tensor.Bytes);
        }

        writer.Flush();
        long dataOffset = (long)Align((ulong)file.Position);
        WriteZeros(file, dataOffset - file.Position);

        // ggml's writer pads every tensor, the last included, to the alignment.
        var pattern = Pattern();
        var tensors = new List<ModelTensor>(plan.Length);
        for (int i = 0; i < plan.Length; i++)
        {
            var tensor = plan[i];
            WriteData(file, pattern, tensor.Bytes, cancellation);
            WriteZeros(file, (long)(Align((ulong)tensor.Bytes) - (ulong)tensor.Bytes));
            tensors.Add(new ModelTensor(tensor.Name, tensor.Type.Name, tensor.Shape, dataOffset + (long)offsets[i], tensor.Bytes));
        }

        return tensors;
    }

    private static ulong Align(ulong offset) => (offset + GgufAlignment - 1) / GgufAlignment * GgufAlignment;

    private static void WriteKey(BinaryWriter writer, string key, GgufValueType type)
    {
        WriteString(writer, key);
        writer.Write((uint)type);
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteZeros(Stream file, long count)
    {
        Span<byte> zeros = stackalloc byte[(int)count];
        zeros.Clear();
        file.Write(zeros);
    }

    /// <summary>Writes the pattern over and over; Ctrl-C is looked at every MiB, so a large file stops at once.</summary>
    private static void WriteData(Stream file, byte[] pattern, long count, CancellationToken cancellation)
    {
        for (long left = count; left > 0; left -= pattern.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            file.Write(pattern, 0, (int)Math.Min(left, pattern.Length));
        }
    }

    /// <summary>
    /// 1 MiB of pseudo-random bytes, made once and repeated: incompressible (a compressing file system would make a
    /// load benchmark meaningless), yet cheap. Every odd byte has bit 6 cleared: every tensor starts at an even offset,
    /// so that is the high byte of each F16 and F32 value and of each Q8_0 scale, whose exponent can then never be
    /// all ones: no NaN or infinity.
    /// </summary>
    private static byte[] Pattern()
    {
        var pattern = new byte[PatternBytes];
        ulong state = 0x9E3779B97F4A7C15;
        for (int i = 0; i < pattern.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pattern[i] = (byte)(i % 2 == 1 ? (state >> 32) & 0xBF : state >> 32);
        }

        return pattern;
    }
}
