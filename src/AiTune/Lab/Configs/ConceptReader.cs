namespace AiTune.Lab.Configs;

/// <summary>How a concept's value is worked out from a config: by conditions on options (most concepts), by the
/// inspector's preemption resolver, or as a list (the LSM order).</summary>
public abstract class ConceptReader
{
    /// <summary>The options this reader looks at, for reports and JSON.</summary>
    public abstract IReadOnlyList<ConfigOption> Options { get; }

    /// <summary>The reading, without a baseline (a list concept's <see cref="ConceptReading.Shown"/> and meaning are
    /// set against the baseline by <see cref="KernelConfigDiffer"/>).</summary>
    public abstract ConceptReading Read(IReadOnlyDictionary<string, string> config);

    /// <summary>The options as this kernel names them, with their raw values.</summary>
    protected Dictionary<string, string> RawOptions(IReadOnlyDictionary<string, string> config)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in Options)
        {
            var (value, foundAs) = option.Read(config);
            raw[foundAs ?? option.Name] = value;
        }

        return raw;
    }

    /// <summary><see cref="ConfigOption.Absent"/> when the kernel has none of the options, else <paramref name="value"/>.</summary>
    protected static string ShownFor(Dictionary<string, string> raw, string value) =>
        raw.Values.All(v => v == ConfigOption.Absent) ? ConfigOption.Absent : value;
}
