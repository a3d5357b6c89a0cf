using AiTune.Inspection.Kernel;

namespace AiTune.Lab.Configs;

/// <summary>The build's preemption model, as the inspector works it out (<see cref="PreemptionResolver"/> with the
/// config alone: no debugfs, no command line, so under PREEMPT_DYNAMIC it is the boot default).</summary>
public sealed class PreemptionReader(IReadOnlyDictionary<PreemptionModel, string> meanings, string unknownMeaning) : ConceptReader
{
    private static readonly ConfigOption[] ModelOptions = [new("PREEMPT_NONE"), new("PREEMPT_VOLUNTARY"), new("PREEMPT"), new("PREEMPT_LAZY"), new("PREEMPT_RT")];

    public override IReadOnlyList<ConfigOption> Options => ModelOptions;

    public IReadOnlyDictionary<PreemptionModel, string> Meanings => meanings;

    public override ConceptReading Read(IReadOnlyDictionary<string, string> config)
    {
        var raw = RawOptions(config);
        var model = PreemptionResolver.Resolve(null, null, null, config, null);
        if (!model.IsKnown)
        {
            return new ConceptReading("unknown", ShownFor(raw, "unknown"), unknownMeaning, [], raw);
        }

        string value = PreemptionModelNames.Of(model.Value);
        return new ConceptReading(value, value, meanings.GetValueOrDefault(model.Value, unknownMeaning), [], raw);
    }
}
