namespace AiTune.Lab.Configs;

/// <summary>What one kernel's config says of one concept.</summary>
/// <param name="Value">What is compared across kernels: two kernels differ on the concept when these differ.</param>
/// <param name="Shown">What reports show: <see cref="Value"/>, or <see cref="ConfigOption.Absent"/> when the kernel
/// has none of the concept's options (so "-" and "n" stay distinct on the page even where they compare equal); for a
/// list, the difference from the baseline ("+ipe").</param>
/// <param name="Meaning">One sentence on what the value means for inference or training.</param>
/// <param name="Items">A list concept's items (the LSMs), in the config's order; empty for the others.</param>
/// <param name="Options">Each option read, under the name this kernel has it (the newest name when it has none),
/// with its raw value or <see cref="ConfigOption.Absent"/>.</param>
public sealed record ConceptReading(string Value, string Shown, string Meaning, IReadOnlyList<string> Items, IReadOnlyDictionary<string, string> Options);
