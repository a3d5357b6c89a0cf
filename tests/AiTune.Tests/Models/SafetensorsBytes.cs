using System.Buffers.Binary;
using System.Text;

namespace AiTune.Tests.Models;

/// <summary>Builds safetensors files by hand: the 8-byte header length, the header, the data.</summary>
internal static class SafetensorsBytes
{
    /// <summary>A file whose header is <paramref name="json"/> padded with spaces to a multiple of 8, then <paramref name="dataBytes"/> bytes.</summary>
    public static byte[] Build(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        int padding = (8 - header.Length % 8) % 8;
        return Raw((ulong)(header.Length + padding), [.. header, .. Enumerable.Repeat((byte)' ', padding), .. new byte[dataBytes]]);
    }

    /// <summary>A file whose length field says <paramref name="declaredLength"/>, followed by <paramref name="rest"/>.</summary>
    public static byte[] Raw(ulong declaredLength, byte[] rest)
    {
        var bytes = new byte[8 + rest.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength);
        rest.CopyTo(bytes, 8);
        return bytes;
    }
}
