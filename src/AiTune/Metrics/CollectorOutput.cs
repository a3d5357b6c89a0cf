using AiTune.Facts;

namespace AiTune.Metrics;

/// <summary>What one collector gathered: its families and the facts it could not read. A fact the host cannot have
/// (the kernel lacks the file: <see cref="UnknownKind.Absent"/>) is noted but does not fail the collector; any other
/// unknown (unreadable, malformed, not captured, permission) does. In both cases the series is left out, never
/// exported as zero.</summary>
public sealed class CollectorOutput
{
    private readonly List<MetricFamily> families = [];
    private readonly List<string> notes = [];

    public IReadOnlyList<MetricFamily> Families => families;

    /// <summary>Why series are missing, one sentence each.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>False when something the collector needs could not be read.</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>Adds a family; one without samples is left out (an empty family says nothing a scrape can use).</summary>
    public void Add(MetricFamily family)
    {
        if (family.Samples.Count > 0)
        {
            families.Add(family);
        }
    }

    public void Gauge(string name, string help, IReadOnlyList<MetricSample> samples) => Add(MetricFamily.Gauge(name, help, samples));

    public void Counter(string name, string help, IReadOnlyList<MetricSample> samples) => Add(MetricFamily.Counter(name, help, samples));

    /// <summary>Records that <paramref name="what"/> is unknown; fails the collector unless the host simply lacks it.</summary>
    public void Unknown(string what, UnknownReason reason)
    {
        notes.Add($"{what}: {reason.Detail}");
        if (reason.Kind != UnknownKind.Absent)
        {
            Complete = false;
        }
    }

    /// <summary>Records a failure that is not an unknown fact (a store that cannot be opened).</summary>
    public void Failed(string what)
    {
        notes.Add(what);
        Complete = false;
    }

    /// <summary>The value, or null after recording why it is unknown.</summary>
    public T? Known<T>(Fact<T> fact, string what) where T : struct
    {
        if (fact.TryGet(out var value))
        {
            return value;
        }

        Unknown(what, fact.Reason!);
        return null;
    }

    /// <summary>The reference value, or null after recording why it is unknown.</summary>
    public T? KnownObject<T>(Fact<T> fact, string what) where T : class
    {
        if (fact.TryGet(out var value))
        {
            return value;
        }

        Unknown(what, fact.Reason!);
        return null;
    }
}
