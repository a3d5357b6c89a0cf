namespace AiTune.Profiles;

/// <summary>One profile or a combination ("inference-latency+hardened") as the audit and the tuner use it.
/// Where two components expect things of the same knob both expectations are kept: whether they conflict depends
/// on the host (a setting whose condition does not hold conflicts with nothing), so it is decided once resolved. <see cref="ProfileResolver"/> turns it into what applies to one host.</summary>
public sealed record ProfileSelection(IReadOnlyList<Profile> Components)
{
    /// <summary>The components' names, made once: every finding of a check rule names them.</summary>
    public IReadOnlyList<string> Names { get; } = Components.Select(c => c.Name).ToList();

    public string Name => string.Join('+', Names);

    public string? Workload => Components.Select(c => c.Workload).FirstOrDefault(w => w is not null);

    public bool Latency => Components.Any(c => c.Latency);

    public bool Hardened => Components.Any(c => c.Hardened);

    public bool IsInference => Workload == "inference";

    public bool IsTraining => Workload == "training";
}
