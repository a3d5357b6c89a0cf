using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// Benchmark metrics as people scan them: grouped under their case ("model-load/read/4k"), one line per metric,
/// every column as wide as its widest value and never wrapped, two spaces between columns, no line ending in
/// spaces. Long "suite/case/metric" names in one column would push a table of numbers past 80 columns; under their
/// case the metric's own name is short ("throughput GB/s").
/// </summary>
internal sealed class CaseGroupedTable(IReadOnlyList<string> header, IReadOnlyList<bool> rightAligned)
{
    private readonly List<(string Case, string[] Cells, string? LastMarkup)> rows = [];

    /// <param name="cells">One per header column, plain text; the first is the metric, indented under its case.</param>
    /// <param name="lastMarkup">The last cell as markup (a coloured verdict); its plain text is the last of <paramref name="cells"/>.</param>
    public void Add(string caseName, string[] cells, string? lastMarkup = null) => rows.Add((caseName, cells, lastMarkup));

    /// <summary>Where the values go when a metric's name and its values do not fit one line: on the next line,
    /// under the name.</summary>
    private const string StackedIndent = "      ";

    public void Write(IAnsiConsole console)
    {
        int[] widths = Enumerable.Range(0, header.Count).Select(c => rows.Select(r => r.Cells[c].Length).Append(header[c].Length).Max()).ToArray();
        // Too wide for the terminal (a long unit, a huge number): each metric's values go under its name instead of
        // beside it, so no value is ever wrapped.
        bool stacked = widths.Sum() + 2 * (widths.Length - 1) > console.Profile.Width;
        int from = stacked ? 1 : 0;
        PlainLine.Write(console, Markup.Escape((stacked ? StackedIndent : "") + Line(header, widths, from)));
        string? current = null;
        foreach (var (caseName, cells, lastMarkup) in rows)
        {
            if (caseName != current)
            {
                PlainLine.Write(console, Markup.Escape(caseName));
                current = caseName;
            }

            if (stacked)
            {
                PlainLine.Write(console, Markup.Escape(cells[0].TrimEnd()));
            }

            string prefix = stacked ? StackedIndent : "";
            if (lastMarkup is null)
            {
                PlainLine.Write(console, Markup.Escape(prefix + Line(cells, widths, from)));
                continue;
            }

            string line = prefix + Line(cells[..^1], widths, from);
            PlainLine.Write(console, Markup.Escape(line) + (cells[^1].Length > 0 ? "  " + lastMarkup : ""));
        }
    }

    private string Line(IReadOnlyList<string> cells, int[] widths, int from) => string.Join("  ",
        cells.Skip(from).Select((cell, i) => rightAligned[i + from] ? cell.PadLeft(widths[i + from]) : cell.PadRight(widths[i + from]))).TrimEnd();
}
