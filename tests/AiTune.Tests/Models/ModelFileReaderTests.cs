using AiTune.Models;
using AiTune.Tests.Support;
using static AiTune.Tests.Models.ModelFileAssert;

namespace AiTune.Tests.Models;

public sealed class ModelFileReaderTests
{
    [Fact]
    public void An_empty_file_is_rejected() => Fails([], "model.safetensors", "the file is empty (0 bytes)");

    [Fact]
    public void A_7_byte_file_of_no_known_extension_is_rejected() =>
        Fails([1, 2, 3, 4, 5, 6, 7], "weights.bin", "the file is only 7 bytes, too short to be a safetensors or GGUF file");

    [Fact]
    public void A_7_byte_safetensors_file_is_rejected() =>
        Fails([1, 2, 3, 4, 5, 6, 7], "model.safetensors", "the file is 7 bytes, too short for the 8-byte header length of a safetensors file");

    [Fact]
    public void A_7_byte_gguf_file_is_rejected() =>
        Fails("GGUF"u8.ToArray().Concat(new byte[] { 3, 0, 0 }).ToArray(), "model.gguf", "the file ends at byte 7, inside the version (4 bytes at byte 4)");

    [Fact]
    public void A_gguf_named_file_without_the_magic_is_rejected_as_gguf() =>
        Fails("GGML\x03\0\0\0"u8.ToArray(), "model.gguf", "the file does not start with the GGUF magic (found 'GGML')");

    [Fact]
    public void A_file_of_another_format_is_rejected_with_its_first_bytes()
    {
        var error = Fails([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0], "libfoo.so", "not a safetensors or GGUF file (it starts with the bytes 7f454c4602010100)");

        Assert.Contains("safetensors", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_format_comes_from_the_content_not_the_extension()
    {
        byte[] safetensors = File.ReadAllBytes(FixturePaths.File("files/models/tiny-llama.safetensors"));
        byte[] gguf = File.ReadAllBytes(FixturePaths.File("files/models/tiny-llama.gguf"));

        Assert.Equal(ModelFormat.Safetensors, Reads(safetensors, "weights.gguf").Format);
        Assert.Equal(ModelFormat.Gguf, Reads(gguf, "weights").Format);
    }

    [Fact]
    public void A_missing_file_is_an_AiTuneException()
    {
        using var directory = new TempModelFile("absent.gguf");

        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read(directory.Path));

        Assert.Equal(directory.Path + ": no such file", error.Message);
    }

    [Fact]
    public void A_directory_is_an_AiTuneException()
    {
        using var directory = new TempModelFile("unused");

        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read(directory.DirectoryPath));

        Assert.Equal(directory.DirectoryPath + ": is a directory, not a model file", error.Message);
    }

    [Fact]
    public void A_character_device_is_refused_before_it_is_read()
    {
        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read("/dev/zero"));

        Assert.Equal("/dev/zero: is not a regular file", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public void An_invalid_path_is_an_AiTuneException(string path)
    {
        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read(path));

        Assert.EndsWith(": is not a valid file path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_is_followed_to_the_file()
    {
        using var directory = new TempModelFile("link.gguf");
        File.CreateSymbolicLink(directory.Path, FixturePaths.File("files/models/tiny-llama.gguf"));

        var model = ModelFileReader.Read(directory.Path);

        Assert.Equal(directory.Path, model.Path);
        Assert.Equal(6, model.Tensors.Count);
    }

    [Fact]
    public void A_dangling_link_is_a_missing_file()
    {
        using var directory = new TempModelFile("link.gguf");
        File.CreateSymbolicLink(directory.Path, Path.Combine(directory.DirectoryPath, "nowhere"));

        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read(directory.Path));

        Assert.Equal(directory.Path + ": no such file", error.Message);
    }
}
