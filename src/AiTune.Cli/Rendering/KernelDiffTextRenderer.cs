using AiTune.Lab.Configs;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// A kernel diff for people: the kernels with their short column headings, then per area one row per concept that
/// differs (each kernel's value under its heading, the baseline first) and under it, for each distinct value, what it
/// means; then one wrapped line naming what all kernels share. Values are never cut: where the row does not fit the
/// width, each kernel's value goes on a line of "heading: value" pairs instead.
/// </summary>
public static class KernelDiffTextRenderer
{
    private const int RowIndent = 2;
    private const int MeaningIndent = 4;
    private const int Gap = 2;
    private const string DiffersMark = " *";

    public static void Render(KernelDiffListing listing, IAnsiConsole console)
    {
        var diff = listing.Diff;
        var kernels = diff.Kernels;
        Line(console, $"aitune kernel diff: {kernels.Count} kernels, the first is the baseline");
        int headingWidth = kernels.Max(k => k.Column.Length);
        foreach (var kernel in kernels)
        {
            Line(console, new string(' ', RowIndent) + kernel.Column.PadRight(headingWidth + Gap) + kernel.Label);
        }

        var shown = (listing.All ? diff.Concepts : diff.Differences).ToList();
        if (shown.Count == 0)
        {
            console.WriteLine();
            Line(console, "no AI-relevant build difference between these kernels");
        }

        int titleWidth = shown.Count == 0 ? 0 : shown.Max(c => Title(c, listing.All).Length);
        var valueWidths = kernels.Select((k, i) => shown.Select(c => c.Readings[i].Shown.Length).Append(k.Column.Length).Max()).ToArray();
        bool fits = RowIndent + titleWidth + valueWidths.Sum(w => w + Gap) <= console.Profile.Width;
        foreach (var area in shown.GroupBy(c => c.Concept.Area))
        {
            console.WriteLine();
            if (fits)
            {
                Line(console, Row(ConfigAreas.Title(area.Key), RowIndent + titleWidth, kernels.Select(k => k.Column).ToList(), valueWidths));
            }
            else
            {
                Line(console, ConfigAreas.Title(area.Key));
            }

            foreach (var comparison in area)
            {
                var values = comparison.Readings.Select(r => r.Shown).ToList();
                if (fits)
                {
                    Line(console, Row(new string(' ', RowIndent) + Title(comparison, listing.All), RowIndent + titleWidth, values, valueWidths));
                }
                else
                {
                    Indented.Write(console, RowIndent, Markup.Escape(Title(comparison, listing.All)));
                    Indented.Write(console, MeaningIndent, Markup.Escape(string.Join("  ", kernels.Select((k, i) => $"{k.Column}: {values[i]}"))));
                }

                var meanings = new FieldBlock(MeaningIndent);
                foreach (var reading in comparison.Readings.DistinctBy(r => (r.Shown, r.Meaning)))
                {
                    meanings.Add(Markup.Escape(reading.Shown), Markup.Escape(reading.Meaning));
                }

                meanings.Write(console);
            }
        }

        if (listing.All)
        {
            console.WriteLine();
            Line(console, "* differs from the baseline");
            return;
        }

        var identical = diff.Identical.ToList();
        if (identical.Count > 0)
        {
            console.WriteLine();
            Line(console, $"the same in all {kernels.Count} kernels ({identical.Count} concepts; --all explains them):");
            Indented.Write(console, RowIndent, Markup.Escape(string.Join(", ", identical.Select(c => $"{c.Concept.Title} {SharedValue(c)}"))));
        }
    }

    private static string Title(ConceptComparison comparison, bool all) => comparison.Concept.Title + (all && comparison.Differs ? DiffersMark : "");

    /// <summary>The value all kernels share, as shown: "n/-" where some kernels lack an option the others have off.</summary>
    internal static string SharedValue(ConceptComparison comparison) => comparison.Concept.Reader is ListReader
        ? comparison.Readings[0].Shown
        : string.Join("/", comparison.Readings.Select(r => r.Shown).Distinct(StringComparer.Ordinal));

    private static string Row(string head, int headWidth, IReadOnlyList<string> values, int[] widths) =>
        (head.PadRight(headWidth) + string.Concat(values.Select((v, i) => new string(' ', Gap) + v.PadRight(widths[i])))).TrimEnd();

    private static void Line(IAnsiConsole console, string text) => Indented.Write(console, 0, Markup.Escape(text));
}
