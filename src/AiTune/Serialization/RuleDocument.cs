using AiTune.Profiles;

namespace AiTune.Serialization;

/// <summary>The rule catalogue as `aitune rules --json` prints it.</summary>
public sealed record RuleDocument(int SchemaVersion, IReadOnlyList<RuleEntry> Rules);

/// <param name="Knob">The knob a profile sets for this rule, or null for rules with their own logic.</param>
/// <param name="Profiles">Each selectable profile's expectation of the knob, where it has one.</param>
public sealed record RuleEntry(string Id, string Category, string Title, string Severity, string Why, string Source, string AppliesTo,
    string? Knob, IReadOnlyDictionary<string, string> Profiles);
