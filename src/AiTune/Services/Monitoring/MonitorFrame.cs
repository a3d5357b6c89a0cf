using System.Globalization;
using AiTune.Metrics;

namespace AiTune.Services.Monitoring;

/// <summary>
/// What `aitune monitor` shows, computed from two collections of the host's metrics and the time between them: the
/// gauges of the latest sample as they are, the counters (pressure stall seconds, THP events) as rates over the
/// interval. Nothing here knows the console. A value the samples do not hold is null (shown as unknown), never zero.
/// </summary>
/// <param name="TakenAt">When the latest sample was taken.</param>
/// <param name="Interval">The time between the two samples; null when there is only one (then every rate is null
/// and <see cref="RatesAbsent"/> says why).</param>
/// <param name="RatesAbsent">Why there are no rates, or null when there are.</param>
public sealed record MonitorFrame(
    DateTimeOffset TakenAt,
    TimeSpan? Interval,
    string? RatesAbsent,
    string? KernelRelease,
    double? MemoryTotalBytes,
    double? MemoryAvailableBytes,
    IReadOnlyList<PressureRow> Pressure,
    IReadOnlyList<HugePageNodeRow> HugePages,
    IReadOnlyList<HugePageRequest> HugePageRequests,
    ThpActivity Thp,
    TuningState Tuning,
    IReadOnlyList<AcceleratorRow> Accelerators,
    IReadOnlyList<CollectorFailure> Failures)
{
    /// <summary>The resources of /proc/pressure, always shown, in this order.</summary>
    public static IReadOnlyList<string> PressureResources { get; } = ["cpu", "memory", "io", "irq"];

    public const string OneSampleReason = "one sample: rates need two";

    /// <summary>The frame of <paramref name="current"/>, with rates over <paramref name="elapsed"/> since
    /// <paramref name="previous"/> (null: no rates).</summary>
    public static MonitorFrame From(CollectedMetrics? previous, CollectedMetrics current, TimeSpan elapsed, DateTimeOffset takenAt, string? ratesAbsent = null)
    {
        var now = Index(current);
        var before = previous is null ? null : Index(previous);
        string? absent = before is null ? ratesAbsent ?? OneSampleReason
            : elapsed <= TimeSpan.Zero ? "no time passed between the samples"
            : null;
        double? Rate(string family, params (string Name, string Value)[] labels)
        {
            if (absent is not null || Value(before!, family, labels) is not { } first || Value(now, family, labels) is not { } last || last < first)
            {
                return null; // a counter that went back was reset (a reboot): no rate, not a negative one
            }

            return (last - first) / elapsed.TotalSeconds;
        }

        var pressure = PressureResources.Select(resource => new PressureRow(resource,
            Rate("aitune_pressure_stalled_seconds_total", ("resource", resource), ("kind", "some")),
            Rate("aitune_pressure_stalled_seconds_total", ("resource", resource), ("kind", "full")),
            Samples(now, "aitune_pressure_stalled_seconds_total").Any(s => Label(s, "resource") == resource))).ToList();

        var hugePages = Samples(now, "aitune_hugepages_pool_pages")
            .Concat(Samples(now, "aitune_hugepages_free_pages")).Concat(Samples(now, "aitune_hugepages_surplus_pages"))
            .Select(s => (Size: Label(s, "page_size_bytes"), Node: Label(s, "node")))
            .Distinct()
            .Select(key => new HugePageNodeRow(Bytes(key.Size), key.Node,
                Value(now, "aitune_hugepages_pool_pages", ("page_size_bytes", key.Size), ("node", key.Node)),
                Value(now, "aitune_hugepages_free_pages", ("page_size_bytes", key.Size), ("node", key.Node)),
                Value(now, "aitune_hugepages_surplus_pages", ("page_size_bytes", key.Size), ("node", key.Node))))
            .OrderBy(r => r.PageSizeBytes).ThenBy(r => NodeOrder(r.Node)).ThenBy(r => r.Node, StringComparer.Ordinal)
            .ToList();
        var requests = Samples(now, "aitune_hugepages_requested_pages")
            .Select(s => new HugePageRequest(Bytes(Label(s, "page_size_bytes")), Label(s, "source"), s.Value))
            .OrderBy(r => r.PageSizeBytes).ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToList();

        var thp = new ThpActivity(ActiveState(now, "aitune_thp_enabled"), ActiveState(now, "aitune_thp_defrag"),
            Rate("aitune_thp_events_total", ("event", "fault_alloc")), Rate("aitune_thp_events_total", ("event", "fault_fallback")));

        var accelerators = Samples(now, "aitune_accelerator_info")
            .Select(s => new AcceleratorRow(Label(s, "vendor"), Label(s, "model"), Label(s, "numa_node") is "" or "-1" ? null : Label(s, "numa_node"), Label(s, "pci_address")))
            .ToList();

        var failures = current.Runs.Where(r => !r.Success).Select(r => new CollectorFailure(r.Name, r.Notes)).ToList();
        string? kernel = Samples(now, "aitune_kernel_info").Select(s => Label(s, "release")).FirstOrDefault(r => r.Length > 0);

        return new MonitorFrame(takenAt, absent is null ? elapsed : null, absent, kernel,
            Value(now, "aitune_memory_total_bytes"), Value(now, "aitune_memory_available_bytes"),
            pressure, hugePages, requests, thp, TuningOf(current, now), accelerators, failures);
    }

    private static TuningState TuningOf(CollectedMetrics current, IReadOnlyDictionary<string, MetricFamily> families)
    {
        if (current.Runs.FirstOrDefault(r => r.Name == "tuning") is not { Success: true })
        {
            return TuningState.Unknown;
        }

        string? profile = Samples(families, "aitune_tuning_profile_info").Select(s => Label(s, "profile")).FirstOrDefault();
        IReadOnlyList<string> InState(string state) => Samples(families, "aitune_tuning_knob_state")
            .Where(s => s.Value == 1 && Label(s, "state") == state).Select(s => Label(s, "knob")).ToList();
        return new TuningState(true, profile, InState("drifted"), InState("pending_reboot"));
    }

    private static Dictionary<string, MetricFamily> Index(CollectedMetrics metrics) =>
        metrics.Families.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static IReadOnlyList<MetricSample> Samples(IReadOnlyDictionary<string, MetricFamily> families, string name) =>
        families.TryGetValue(name, out var family) ? family.Samples : [];

    /// <summary>The value of the series with exactly these labels (any others ignored), or null when there is none.</summary>
    private static double? Value(IReadOnlyDictionary<string, MetricFamily> families, string name, params (string Name, string Value)[] labels)
    {
        foreach (var sample in Samples(families, name))
        {
            if (labels.All(l => sample.Labels.Any(sl => sl.Name == l.Name && sl.Value == l.Value)) && double.IsFinite(sample.Value))
            {
                return sample.Value;
            }
        }

        return null;
    }

    private static string? ActiveState(IReadOnlyDictionary<string, MetricFamily> families, string name) =>
        Samples(families, name).Where(s => s.Value == 1).Select(s => Label(s, "mode")).FirstOrDefault();

    private static string Label(MetricSample sample, string name) =>
        sample.Labels.FirstOrDefault(l => l.Name == name).Value ?? "";

    private static long Bytes(string label) =>
        long.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) ? bytes : 0;

    private static long NodeOrder(string node) =>
        long.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;
}
