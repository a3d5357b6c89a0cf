using AiTune.Lab.Configs;

namespace AiTune.Cli.Rendering;

/// <summary>A kernel diff as `kernel diff` prints it: with <see cref="All"/>, every concept, not only the differences.</summary>
public sealed record KernelDiffListing(KernelConfigDiff Diff, bool All);
