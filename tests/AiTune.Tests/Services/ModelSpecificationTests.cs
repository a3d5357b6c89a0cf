using AiTune.Models;
using AiTune.Services;

namespace AiTune.Tests.Services;

/// <summary>--model and --model-size turned into the requirement the rules and the huge page sizing judge against.</summary>
public class ModelSpecificationTests
{
    [Fact]
    public void A_size_is_the_requirement_named_after_the_option()
    {
        var requirement = new ModelSpecification(null, "70GiB").Requirement();

        Assert.NotNull(requirement);
        Assert.Equal(("--model-size 70GiB", 70L << 30), (requirement.Source, requirement.TensorBytes));
    }

    [Fact]
    public void A_model_file_is_its_tensor_bytes()
    {
        var path = Path.Join(Directory.CreateTempSubdirectory("aitune-model-").FullName, "m.safetensors");
        try
        {
            var tensors = SyntheticModelWriter.Write(path, ModelFormat.Safetensors, 1 << 20);

            var requirement = new ModelSpecification(path, null).Requirement();

            Assert.NotNull(requirement);
            Assert.Equal(path, requirement.Source);
            Assert.Equal(ModelFileReader.Read(path).TotalTensorBytes, requirement.TensorBytes);
            Assert.True(requirement.TensorBytes > 0 && tensors.Count > 0);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void No_model_is_no_requirement()
    {
        Assert.Null(ModelSpecification.None.Requirement());
    }

    [Theory]
    [InlineData("m.gguf", "8G", "--model and --model-size are alternatives", "give the model file, or its size, not both")]
    [InlineData(null, "lots", "--model-size 'lots' is not a size", "give bytes (70000000000) or a size with a unit: 70GiB, 8G, 512MiB")]
    [InlineData(null, "0", "--model-size '0' is not a size", "give bytes (70000000000) or a size with a unit: 70GiB, 8G, 512MiB")]
    public void Both_or_a_size_that_is_none_are_refused_with_a_hint(string? file, string size, string message, string hint)
    {
        var error = Assert.Throws<AiTuneException>(() => new ModelSpecification(file, size).Requirement());

        Assert.Equal((message, hint), (error.Message, error.Hint));
    }
}
