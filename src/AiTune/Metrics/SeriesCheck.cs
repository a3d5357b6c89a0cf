using System.Text;

namespace AiTune.Metrics;

/// <summary>What promtool does not check: every series (name and label set) is unique, every family is declared
/// once. node_exporter's textfile collector keeps the first of two equal series and logs the second; Prometheus
/// drops a scrape with duplicates. Names and label names are checked too, so a typo fails a test, not a scrape.</summary>
public static class SeriesCheck
{
    /// <summary>Throws <see cref="InvalidExpositionException"/> naming the first problem.</summary>
    public static void Validate(IReadOnlyList<MetricFamily> families)
    {
        foreach (var problem in Problems(families))
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
            // Plain loops: LINQ over a list of structs makes NativeAOT build generic code at run time, which cost a
            // tenth of a one-shot `aitune metrics` for 250 series.
            var kept = new List<MetricLabel>();
            var key = new StringBuilder();
            foreach (var sample in family.Samples)
            {
                var labels = sample.Labels;
                kept.Clear();
                for (int i = 0; i < labels.Count; i++)
                {
                    var label = labels[i];
                    if (!ExpositionText.IsValidLabelName(label.Name))
                    {
                        yield return $"{family.Name}: '{label.Name}' is not a label name";
                    }

                    for (int j = 0; j < i; j++)
                    {
                        if (string.Equals(labels[j].Name, label.Name, StringComparison.Ordinal))
                        {
                            yield return $"{family.Name}: label {label.Name} given twice in one series";
                            break;
                        }
                    }

                    // Prometheus drops a label whose value is empty.
                    if (label.Value.Length > 0)
                    {
                        kept.Add(label);
                    }
                }

                // Label order does not make a series different; escaped values cannot collide with the separator.
                kept.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                key.Clear();
                foreach (var label in kept)
                {
                    key.Append(key.Length == 0 ? "" : ",").Append(label.Name).Append("=\"").Append(ExpositionText.EscapeLabelValue(label.Value)).Append('"');
                }

                if (!series.Add(key.ToString()))
                {
                    yield return $"duplicate series {family.Name}{{{key}}}";
                }
            }
        }
    }
}
