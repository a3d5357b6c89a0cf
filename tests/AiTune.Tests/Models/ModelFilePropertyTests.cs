using AiTune.Models;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Models;

/// <summary>
/// Hostile input: whatever the bytes, the reader returns a model file whose tensors all lie inside the file, or throws
/// an AiTuneException — never another exception, never a hang.
/// </summary>
public sealed class ModelFilePropertyTests
{
    private static readonly Gen<string> Extension = Gen.OneOfConst(".safetensors", ".gguf", ".bin");

    private static readonly Lazy<byte[][]> ValidFiles = new(() =>
    [
        File.ReadAllBytes(FixturePaths.File("files/models/tiny-llama.safetensors")),
        File.ReadAllBytes(FixturePaths.File("files/models/tiny-llama.gguf")),
        Synthetic(ModelFormat.Safetensors),
        Synthetic(ModelFormat.Gguf),
    ]);

    [Fact]
    public void Random_bytes_read_or_fail_cleanly() =>
        Gen.Select(Gen.Byte.Array[0, 600], Extension).Sample((bytes, extension) => ReadsOrFails(bytes, extension), iter: 300);

    [Fact]
    public void Random_bytes_behind_a_gguf_preamble_read_or_fail_cleanly() =>
        Gen.Select(Gen.OneOfConst(2u, 3u), Gen.ULong[0, 40], Gen.ULong[0, 40], Gen.Byte.Array[0, 600])
            .Sample((version, tensors, keys, rest) =>
                ReadsOrFails([.. GgufBytes.Header(tensors, keys, version).ToArray(), .. rest], ".gguf"), iter: 300);

    [Fact]
    public void Random_bytes_behind_a_safetensors_length_read_or_fail_cleanly() =>
        Gen.Select(Gen.ULong[0, 700], Gen.Byte.Array[0, 600])
            .Sample((length, rest) => ReadsOrFails(SafetensorsBytes.Raw(length, [(byte)'{', .. rest]), ".safetensors"), iter: 300);

    [Fact]
    public void Mutated_valid_files_read_or_fail_cleanly()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.ULong, Gen.Byte.Array[1, 64]);
        Gen.Select(Gen.Int[0, ValidFiles.Value.Length - 1], mutation.Array[1, 4], Extension)
            .Sample((file, mutations, extension) =>
                ReadsOrFails(Mutate(ValidFiles.Value[file], mutations), extension), iter: 400);
    }

    /// <summary>
    /// Applies each mutation: 0 sets a byte, 1 truncates, 2 appends bytes, 3 overwrites 8 bytes with a random u64 (the
    /// shape of every length, count and offset). Positions fall in the first 2 KiB, where the headers are.
    /// </summary>
    private static byte[] Mutate(byte[] original, (int Kind, int Position, ulong Value, byte[] Extra)[] mutations)
    {
        var bytes = original.ToList();
        foreach (var (kind, position, value, extra) in mutations)
        {
            int at = bytes.Count == 0 ? 0 : position % Math.Min(bytes.Count, 2048);
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)value;
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.AddRange(extra);
                    break;
                case 3:
                    for (int i = 0; i < 8 && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = (byte)(value >> (8 * i));
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static void ReadsOrFails(byte[] bytes, string extension)
    {
        using var file = new TempModelFile("model" + extension, bytes);
        ModelFile model;
        try
        {
            model = ModelFileReader.Read(file.Path);
        }
        catch (AiTuneException error)
        {
            Assert.StartsWith(file.Path + ": ", error.Message, StringComparison.Ordinal);
            Assert.NotEmpty(error.Hint);
            return;
        }

        Assert.Equal(bytes.Length, model.FileSizeBytes);
        Assert.InRange(model.HeaderSizeBytes, 0, model.DataOffsetBytes);
        foreach (var tensor in model.Tensors)
        {
            Assert.InRange(tensor.OffsetBytes, model.DataOffsetBytes, model.FileSizeBytes);
            Assert.InRange(tensor.SizeBytes, 0, model.FileSizeBytes - tensor.OffsetBytes);
        }

        Assert.Equal(model.Tensors.Sum(t => t.SizeBytes), model.TotalTensorBytes);
    }

    private static byte[] Synthetic(ModelFormat format)
    {
        using var file = new TempModelFile("synthetic");
        SyntheticModelWriter.Write(file.Path, format, 2048);
        return File.ReadAllBytes(file.Path);
    }
}
