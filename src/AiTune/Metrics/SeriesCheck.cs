namespace AiTune.Metrics;

/// <summary>What promtool does not check: every series (name and label set) is unique, every family is declared
/// once. node_exporter's textfile collector keeps the first of two equal series and logs the second; Prometheus
/// drops a scrape with duplicates. Names and label names are checked too, so a typo fails a test, not a scrape.</summary>
public static class SeriesCheck
{
    /// <summary>Throws <see cref="InvalidExpositionException"/> naming the first problem.</summary>
    public static void Validate(IReadOnlyList<MetricFamily> families)
    {
        if (Problems(families).FirstOrDefault() is { } problem)
        {
            throw new InvalidExpositionException(problem);
        }
    }

    /// <summary>Every problem of the families, in order; empty when the exposition is sound.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<MetricFamily> families)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            if (!ExpositionText.IsValidMetricName(family.Name))
            {
                yield return $"'{family.Name}' is not a metric name";
            }

            if (family.Type == MetricType.Counter != family.Name.EndsWith("_total", StringComparison.Ordinal))
            {
                yield return $"{family.Name}: counters, and only counters, end in _total";
            }

            // A counter is also reserved under its name without _total (OpenMetrics declares it so).
            string declared = family.Type == MetricType.Counter && family.Name.EndsWith("_total", StringComparison.Ordinal) ? family.Name[..^"_total".Length] : family.Name;
            if (!names.Add(family.Name) || (declared != family.Name && !names.Add(declared)))
            {
                yield return $"{family.Name} is declared twice";
            }

            var series = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sample in family.Samples)
            {
                var labelNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var label in sample.Labels)
                {
                    if (!ExpositionText.IsValidLabelName(label.Name))
                    {
                        yield return $"{family.Name}: '{label.Name}' is not a label name";
                    }

                    if (!labelNames.Add(label.Name))
                    {
                        yield return $"{family.Name}: label {label.Name} given twice in one series";
                    }
                }

                // Label order does not make a series different, and Prometheus drops a label whose value is empty;
                // escaped values cannot collide with the separator.
                string key = string.Join(",", sample.Labels.Where(l => l.Value.Length > 0).OrderBy(l => l.Name, StringComparer.Ordinal)
                    .Select(l => l.Name + "=\"" + ExpositionText.EscapeLabelValue(l.Value) + "\""));
                if (!series.Add(key))
                {
                    yield return $"duplicate series {family.Name}{{{key}}}";
                }
            }
        }
    }
}
