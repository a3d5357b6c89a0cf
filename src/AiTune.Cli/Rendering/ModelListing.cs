using AiTune.Models;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune model info`'s result: the model file, and how many of its tensors the text lists (--all: every one).</summary>
public sealed record ModelListing(ModelFile Model, int TensorLimit);
