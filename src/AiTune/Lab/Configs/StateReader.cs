namespace AiTune.Lab.Configs;

/// <summary>The first state whose conditions hold is the concept's value; the catalogue ends each list with a
/// fallback state (no condition). This is where "absent" and "n" are told apart or not: a state that should cover
/// both lists both values in its condition, or is the fallback.</summary>
public sealed class StateReader(IReadOnlyList<ConfigOption> options, IReadOnlyList<ConceptState> states) : ConceptReader
{
    public override IReadOnlyList<ConfigOption> Options => options;

    public IReadOnlyList<ConceptState> States => states;

    public override ConceptReading Read(IReadOnlyDictionary<string, string> config)
    {
        var raw = RawOptions(config);
        var state = states.First(s => s.When.All(test => test.Holds(config)));
        string value = state.Value == ConceptState.RawValue ? options[0].Read(config).Value : state.Value;
        return new ConceptReading(value, ShownFor(raw, value), state.Meaning, [], raw);
    }
}
