namespace AiTune.Lab.Configs;

/// <summary>A comma-separated list option (CONFIG_LSM), compared as a set: what a kernel adds to or lacks from the
/// baseline's list is the difference, not two long strings that differ at the end. The order only says which LSM
/// initialises first, so a list that differs only in order is not a difference.</summary>
/// <param name="itemMeanings">What each known item means for an AI host; an item not listed is named only.</param>
public sealed class ListReader(ConfigOption option, IReadOnlyDictionary<string, string> itemMeanings, string absentMeaning) : ConceptReader
{
    public override IReadOnlyList<ConfigOption> Options => [option];

    public IReadOnlyDictionary<string, string> ItemMeanings => itemMeanings;

    public override ConceptReading Read(IReadOnlyDictionary<string, string> config)
    {
        var raw = RawOptions(config);
        var (value, _) = option.Read(config);
        if (value == ConfigOption.Absent)
        {
            return new ConceptReading(ConfigOption.Absent, ConfigOption.Absent, absentMeaning, [], raw);
        }

        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        string shown = $"{items.Count} listed";
        return new ConceptReading(string.Join(",", items.Order(StringComparer.Ordinal)), shown, "in this order: " + string.Join(", ", items), items, raw);
    }

    /// <summary>The reading against the baseline's: shown as "+added -removed" ("same" when only the order differs),
    /// with a sentence for each item added or removed.</summary>
    public ConceptReading Against(ConceptReading baseline, ConceptReading reading)
    {
        if (reading.Value == ConfigOption.Absent || baseline.Value == ConfigOption.Absent)
        {
            return reading;
        }

        var added = reading.Items.Except(baseline.Items, StringComparer.Ordinal).ToList();
        var removed = baseline.Items.Except(reading.Items, StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return reading with { Shown = "same", Meaning = "the same list as the baseline" + (reading.Items.SequenceEqual(baseline.Items) ? "" : ", in another order") };
        }

        string shown = string.Join(" ", added.Select(a => "+" + a).Concat(removed.Select(r => "-" + r)));
        string meaning = string.Join("; ", added.Select(a => "adds " + Described(a)).Concat(removed.Select(r => "lacks " + Described(r))));
        return reading with { Shown = shown, Meaning = meaning };
    }

    private string Described(string item) => itemMeanings.TryGetValue(item, out var meaning) ? $"{item} ({meaning})" : item;
}
