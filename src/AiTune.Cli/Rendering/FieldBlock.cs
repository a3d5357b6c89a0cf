using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiTune.Cli.Rendering;

/// <summary>
/// Lines of "label value" under one another, the labels in a column of their own and each value wrapped at the
/// console's width under itself (a hanging indent), so a long why or fix never runs back to the left margin and the
/// labels stay readable down the page. Unwrapped (a pipe), each field is one line.
/// </summary>
internal sealed class FieldBlock
{
    private readonly int indent;
    private readonly int? labelWidth;
    private readonly List<(string Label, string Value)> rows = [];

    /// <param name="indent">Blanks before each label.</param>
    /// <param name="labelWidth">The labels' column width, so blocks written one after another align (a longer label
    /// widens it); null: the widest label.</param>
    public FieldBlock(int indent, int? labelWidth = null)
    {
        this.indent = indent;
        this.labelWidth = labelWidth;
    }

    /// <summary>Adds a row; both are Spectre markup (escape values with Markup.Escape).</summary>
    public FieldBlock Add(string labelMarkup, string valueMarkup)
    {
        rows.Add((labelMarkup, valueMarkup));
        return this;
    }

    /// <summary>
    /// Writes the rows. A value holding a word too long to sit beside its label (a 69-character sysfs path in a fix,
    /// at 80 columns) goes under the label instead, set in by two: a path broken in two cannot be copied.
    /// </summary>
    public void Write(IAnsiConsole console)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int width = console.Profile.Width;
        // A label longer than the width asked for widens the column rather than being cut.
        int labels = Math.Max(labelWidth ?? 0, rows.Max(r => r.Label.RemoveMarkup().Length));
        int valueStart = indent + labels + 1;
        var beside = new List<(string Label, string Value)>();
        foreach (var row in rows)
        {
            if (LongestWord(row.Value) <= width - valueStart)
            {
                beside.Add(row);
                continue;
            }

            Flush(console, beside, labels);
            Indented.Write(console, indent, row.Label);
            Indented.Write(console, indent + 2, row.Value);
        }

        Flush(console, beside, labels);
    }

    private void Flush(IAnsiConsole console, List<(string Label, string Value)> beside, int labels)
    {
        if (beside.Count == 0)
        {
            return;
        }

        // Rows that fit on one line need no layout: the line a grid would make, written directly (a grid costs a
        // layout pass each, and verify writes one block per knob). Only characters of one cell each.
        int room = console.Profile.Width - (indent + labels + 1);
        if (beside.All(row => FitsOneLine(row.Value, room) && FitsOneLine(row.Label, labels)))
        {
            foreach (var (labelMarkup, valueMarkup) in beside)
            {
                var line = labelMarkup + new string(' ', labels - labelMarkup.RemoveMarkup().Length + 1) + valueMarkup;
                if (!PlainLine.TryWrite(console, indent, line))
                {
                    console.MarkupLine(new string(' ', indent) + line);
                }
            }

            beside.Clear();
            return;
        }

        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().Width(labels).PadLeft(indent).PadRight(1))
            .AddColumn(new GridColumn().PadLeft(0).PadRight(0));
        foreach (var (labelMarkup, valueMarkup) in beside)
        {
            grid.AddRow(new Markup(labelMarkup), new Markup(valueMarkup));
        }

        console.Write(grid);
        beside.Clear();
    }

    private static bool FitsOneLine(string markup, int width)
    {
        var text = markup.RemoveMarkup();
        return text.Length <= width && PlainLine.IsOneCellEach(text);
    }

    private static int LongestWord(string markup) =>
        markup.RemoveMarkup().Split(' ', '\n').Max(word => word.Length);
}
