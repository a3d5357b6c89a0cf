using AiTune.Models;
using AiTune.Profiles;
using AiTune.Units;

namespace AiTune.Services;

/// <summary>The model a command sizes against, as the user named it: a safetensors or GGUF file (--model), or a size
/// (--model-size), or neither. Kept as given until <see cref="Requirement"/> is asked for, so a command reads the model
/// file at the point it always has (after its root and privilege checks, and after any recovery).</summary>
/// <param name="FilePath">--model: a safetensors or GGUF file; its tensor bytes are the requirement.</param>
/// <param name="Size">--model-size: bytes, or a size with a unit (70GiB, 8G).</param>
public sealed record ModelSpecification(string? FilePath, string? Size)
{
    public static ModelSpecification None { get; } = new(null, null);

    /// <summary>The requirement the rules and the huge page sizing judge against; null when no model was named.</summary>
    public ModelRequirement? Requirement()
    {
        if (FilePath is not null && Size is not null)
        {
            throw new AiTuneException("--model and --model-size are alternatives", "give the model file, or its size, not both");
        }

        if (FilePath is not null)
        {
            var file = ModelFileReader.Read(FilePath);
            return new ModelRequirement(FilePath, file.TotalTensorBytes);
        }

        if (Size is not null)
        {
            if (!ByteSize.TryParse(Size, out var bytes) || bytes <= 0)
            {
                throw new AiTuneException($"--model-size '{Size}' is not a size", "give bytes (70000000000) or a size with a unit: 70GiB, 8G, 512MiB");
            }

            return new ModelRequirement("--model-size " + Size, bytes);
        }

        return null;
    }
}
