namespace AiTune.Lab.Configs;

/// <summary>One value a concept can take, what it means for inference or training, and (for concepts read by
/// condition) when a kernel has it: every test holds; no test at all is the fallback.</summary>
/// <param name="Value">The value as reports show it ("always", "voluntary", "y"); <see cref="RawValue"/> takes
/// the first option's own value (HZ=600 on an unusual build).</param>
public sealed record ConceptState(string Value, string Meaning, IReadOnlyList<OptionTest> When)
{
    /// <summary>The value of a state that shows the option's own value.</summary>
    public const string RawValue = "*";
}
