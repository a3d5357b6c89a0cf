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

    /// <summary>Throws <see cref="InvalidExpositionException"/> naming the first family declared twice or misnamed:
    /// for families whose series were checked already, each by the collector that made it (a family of one collector
    /// cannot hold a series of another, so the merged families only need their declarations checked).</summary>
    public static void ValidateDeclarations(IReadOnlyList<MetricFamily> families)
    {
        foreach (var problem in DeclarationProblems(families))
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
            foreach (var problem in DeclarationProblems(family, names))
            {
                yield return problem;
            }

            foreach (var problem in SeriesProblems(family))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> DeclarationProblems(IReadOnlyList<MetricFamily> families)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            foreach (var problem in DeclarationProblems(family, names))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> DeclarationProblems(MetricFamily family, HashSet<string> names)
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
    }

    /// <summary>Label names, and every series once. A series is its non-empty labels in any order (Prometheus drops a
    /// label whose value is empty). Found without a string per series, which was most of the check's cost: an
    /// order-independent hash of the labels picks the candidates, an exact comparison decides, so two different
    /// series that share a hash cost a comparison, never a verdict.</summary>
    private static IEnumerable<string> SeriesProblems(MetricFamily family)
    {
        // Plain loops: LINQ over a list of structs makes NativeAOT build generic code at run time, which cost a
        // tenth of a one-shot `aitune metrics` for 250 series.
        var samples = family.Samples;
        // A family of one series (most of them: info series, host totals) has nothing to repeat.
        var firstByHash = samples.Count > 1 ? new Dictionary<ulong, int>(samples.Count) : null;
        List<(ulong Hash, int Index)>? sharingAHash = null;
        for (int s = 0; s < samples.Count; s++)
        {
            var labels = samples[s].Labels;
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
            }

            if (firstByHash is null)
            {
                continue;
            }

            ulong hash = LabelSetHash(labels);
            if (firstByHash.TryAdd(hash, s))
            {
                continue;
            }

            bool duplicate = SameSeries(samples[firstByHash[hash]].Labels, labels);
            for (int k = 0; !duplicate && sharingAHash is not null && k < sharingAHash.Count; k++)
            {
                duplicate = sharingAHash[k].Hash == hash && SameSeries(samples[sharingAHash[k].Index].Labels, labels);
            }

            if (duplicate)
            {
                yield return $"duplicate series {family.Name}{{{Key(labels)}}}";
            }
            else
            {
                (sharingAHash ??= []).Add((hash, s));
            }
        }
    }

    /// <summary>A sum of one mixed hash per non-empty label: the same for any order of the same labels.</summary>
    private static ulong LabelSetHash(IReadOnlyList<MetricLabel> labels)
    {
        ulong sum = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i].Value.Length > 0)
            {
                ulong pair = ((ulong)(uint)labels[i].Name.GetHashCode(StringComparison.Ordinal) << 32) | (uint)labels[i].Value.GetHashCode(StringComparison.Ordinal);
                // splitmix64's finalizer: a sum of unmixed pairs would let two label sets cancel out by arithmetic.
                pair = (pair ^ (pair >> 30)) * 0xbf58476d1ce4e5b9UL;
                pair = (pair ^ (pair >> 27)) * 0x94d049bb133111ebUL;
                sum += pair ^ (pair >> 31);
            }
        }

        return sum;
    }

    /// <summary>The same non-empty labels with the same values, in any order (names are unique within each, or a
    /// problem was reported already).</summary>
    private static bool SameSeries(IReadOnlyList<MetricLabel> a, IReadOnlyList<MetricLabel> b)
    {
        int count = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Value.Length == 0)
            {
                continue;
            }

            count++;
            bool found = false;
            for (int j = 0; j < b.Count && !found; j++)
            {
                found = string.Equals(a[i].Name, b[j].Name, StringComparison.Ordinal) && string.Equals(a[i].Value, b[j].Value, StringComparison.Ordinal);
            }

            if (!found)
            {
                return false;
            }
        }

        for (int j = 0; j < b.Count; j++)
        {
            count -= b[j].Value.Length > 0 ? 1 : 0;
        }

        return count == 0;
    }

    /// <summary>The series as an error names it: its non-empty labels sorted by name, values escaped.</summary>
    private static string Key(IReadOnlyList<MetricLabel> labels)
    {
        var kept = new List<MetricLabel>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i].Value.Length > 0)
            {
                kept.Add(labels[i]);
            }
        }

        kept.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var key = new StringBuilder();
        foreach (var label in kept)
        {
            key.Append(key.Length == 0 ? "" : ",").Append(label.Name).Append("=\"").Append(ExpositionText.EscapeLabelValue(label.Value)).Append('"');
        }

        return key.ToString();
    }
}
