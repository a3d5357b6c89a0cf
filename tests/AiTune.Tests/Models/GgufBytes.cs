using System.Text;

namespace AiTune.Tests.Models;

/// <summary>Builds GGUF files field by field, so a test can write any value into any field.</summary>
internal sealed class GgufBytes
{
    private readonly MemoryStream stream = new();
    private readonly BinaryWriter writer;

    private GgufBytes() => writer = new BinaryWriter(stream);

    public const uint Uint8 = 0, Uint32 = 4, Float32 = 6, Bool = 7, String = 8, Array = 9;

    /// <summary>Magic, version and the two counts.</summary>
    public static GgufBytes Header(ulong tensors, ulong keys, uint version = 3) =>
        new GgufBytes().Raw("GGUF"u8).U32(version).U64(tensors).U64(keys);

    public GgufBytes Raw(ReadOnlySpan<byte> bytes)
    {
        writer.Write(bytes);
        return this;
    }

    public GgufBytes U8(byte value)
    {
        writer.Write(value);
        return this;
    }

    public GgufBytes U32(uint value)
    {
        writer.Write(value);
        return this;
    }

    public GgufBytes U64(ulong value)
    {
        writer.Write(value);
        return this;
    }

    public GgufBytes Str(string text) => Str(Encoding.UTF8.GetBytes(text));

    public GgufBytes Str(byte[] bytes) => U64((ulong)bytes.Length).Raw(bytes);

    public GgufBytes Key(string key, uint type) => Str(key).U32(type);

    public GgufBytes KeyString(string key, string value) => Key(key, String).Str(value);

    public GgufBytes KeyU32(string key, uint value) => Key(key, Uint32).U32(value);

    /// <summary>A tensor info: name, dimension count, dimensions, ggml type, offset.</summary>
    public GgufBytes Tensor(string name, ulong[] shape, uint type, ulong offset)
    {
        Str(name).U32((uint)shape.Length);
        foreach (ulong dimension in shape)
        {
            U64(dimension);
        }

        return U32(type).U64(offset);
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/>.</summary>
    public GgufBytes Pad(int alignment = 32) => Zeros((int)((alignment - stream.Length % alignment) % alignment));

    public GgufBytes Zeros(int count) => Raw(new byte[count]);

    public byte[] ToArray()
    {
        writer.Flush();
        return stream.ToArray();
    }
}
