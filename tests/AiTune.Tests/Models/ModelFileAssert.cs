using AiTune.Models;

namespace AiTune.Tests.Models;

/// <summary>Reads bytes as a model file through the real entry point, <see cref="ModelFileReader.Read"/>.</summary>
internal static class ModelFileAssert
{
    public static ModelFile Reads(byte[] bytes, string fileName)
    {
        using var file = new TempModelFile(fileName, bytes);
        return ModelFileReader.Read(file.Path);
    }

    /// <summary>Asserts the read fails with an AiTuneException whose message names the file and contains <paramref name="fragment"/>.</summary>
    public static AiTuneException Fails(byte[] bytes, string fileName, string fragment)
    {
        using var file = new TempModelFile(fileName, bytes);
        var error = Assert.Throws<AiTuneException>(() => ModelFileReader.Read(file.Path));
        Assert.StartsWith(file.Path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Hint);
        return error;
    }
}
