namespace AiTune.Serialization;

/// <summary>One kernel's value of a concept.</summary>
/// <param name="Value">What is compared with the baseline's value.</param>
/// <param name="Shown">What the text shows: "-" where the kernel has none of the concept's options; for a list, the
/// change from the baseline ("+ipe").</param>
/// <param name="Meaning">What the value means for inference or training.</param>
/// <param name="Options">The raw options under the names this kernel has them ("-": not in its config).</param>
public sealed record KernelDiffValue(string Kernel, string Value, string Shown, string Meaning, IReadOnlyDictionary<string, string> Options);
