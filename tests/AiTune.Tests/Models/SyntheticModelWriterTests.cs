using System.Buffers.Binary;
using AiTune.Models;

namespace AiTune.Tests.Models;

public sealed class SyntheticModelWriterTests
{
    [Theory]
    [InlineData(ModelFormat.Safetensors, 1)]
    [InlineData(ModelFormat.Safetensors, 4096)]
    [InlineData(ModelFormat.Safetensors, 3 << 20)]
    [InlineData(ModelFormat.Gguf, 1)]
    [InlineData(ModelFormat.Gguf, 4096)]
    [InlineData(ModelFormat.Gguf, 3 << 20)]
    public void What_is_written_reads_back_as_the_same_tensors(ModelFormat format, long size)
    {
        using var file = new TempModelFile(format == ModelFormat.Gguf ? "synthetic.gguf" : "synthetic.safetensors");

        var written = SyntheticModelWriter.Write(file.Path, format, size);
        var model = ModelFileReader.Read(file.Path);

        Assert.Equal(format, model.Format);
        Assert.Equal(written, model.Tensors);
        Assert.Equal(written.Sum(t => t.SizeBytes), model.TotalTensorBytes);
    }

    [Theory]
    [InlineData(ModelFormat.Safetensors)]
    [InlineData(ModelFormat.Gguf)]
    public void The_file_is_about_the_requested_size(ModelFormat format)
    {
        using var file = new TempModelFile("synthetic");
        const long requested = 3 << 20;

        SyntheticModelWriter.Write(file.Path, format, requested);

        long actual = new FileInfo(file.Path).Length;
        Assert.InRange(actual, requested * 95 / 100, requested * 105 / 100);
    }

    [Fact]
    public void Safetensors_output_has_the_reference_layout_and_metadata()
    {
        using var file = new TempModelFile("synthetic.safetensors");

        var tensors = SyntheticModelWriter.Write(file.Path, ModelFormat.Safetensors, 4096);
        var model = ModelFileReader.Read(file.Path);

        Assert.Equal(0, model.HeaderSizeBytes % 8);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, model.Metadata);
        Assert.Equal(["F16", "F32", "F16", "F16"], tensors.Select(t => t.DataType));
        Assert.Equal([20L, 32L], tensors[0].Shape);
        Assert.Equal([32L], tensors[1].Shape);
    }

    [Fact]
    public void Gguf_output_carries_the_standard_keys()
    {
        using var file = new TempModelFile("synthetic.gguf");

        var tensors = SyntheticModelWriter.Write(file.Path, ModelFormat.Gguf, 4096);
        var model = ModelFileReader.Read(file.Path);

        Assert.Equal("llama", model.Architecture);
        Assert.Equal("32", model.Metadata["general.alignment"]);
        Assert.Equal("2", model.Metadata["general.quantization_version"]);
        Assert.Equal("""["<unk>", "<s>", "</s>"]""", model.Metadata["tokenizer.ggml.tokens"]);
        Assert.Equal(["Q8_0", "F32", "Q8_0", "F16"], tensors.Select(t => t.DataType));
        Assert.Equal([32L, 30L], tensors[0].Shape);
        Assert.All(tensors, t => Assert.Equal(0, (t.OffsetBytes - model.DataOffsetBytes) % 32));
    }

    [Theory]
    [InlineData(ModelFormat.Safetensors)]
    [InlineData(ModelFormat.Gguf)]
    public void The_data_is_varied_and_every_float_is_finite(ModelFormat format)
    {
        using var file = new TempModelFile("synthetic");
        var tensors = SyntheticModelWriter.Write(file.Path, format, 64 << 10);
        byte[] bytes = File.ReadAllBytes(file.Path);

        foreach (var tensor in tensors.Where(t => t.DataType is "F16" or "F32"))
        {
            var data = bytes.AsSpan((int)tensor.OffsetBytes, (int)tensor.SizeBytes);
            Assert.True(data.ToArray().Distinct().Count() > Math.Min(200, data.Length / 4), $"{tensor.Name} looks constant");
            int width = tensor.DataType == "F16" ? 2 : 4;
            for (int i = 0; i < data.Length; i += width)
            {
                double value = width == 2
                    ? (double)BinaryPrimitives.ReadHalfLittleEndian(data[i..])
                    : BinaryPrimitives.ReadSingleLittleEndian(data[i..]);
                Assert.True(double.IsFinite(value), $"{tensor.Name} holds {value} at element {i / width}");
            }
        }
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_an_AiTuneException()
    {
        using var file = new TempModelFile("unused");

        var error = Assert.Throws<AiTuneException>(() =>
            SyntheticModelWriter.Write(Path.Combine(file.DirectoryPath, "no", "such", "model.gguf"), ModelFormat.Gguf, 4096));

        Assert.StartsWith("cannot write " + file.DirectoryPath, error.Message, StringComparison.Ordinal);
    }
}
