using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiTune.Cli.Rendering;

/// <summary>
/// A table whose values (knob ids, numbers, paths, names) are never wrapped, cut or split, and whose one prose column
/// (why, reason, description) takes the width the values leave. When the values leave too little for readable
/// prose, or do not fit side by side at all (a 43-character knob id on an 80-column terminal), each row becomes a
/// block instead: its heading values on one line, the other values as "header: value" under it, the prose wrapped
/// under its label. A pipe has no width limit, so there it is always the table, one row per line.
/// </summary>
internal sealed class ValueTable
{
    /// <summary>Narrower than this, prose wraps every few words: the rows become blocks instead.</summary>
    public const int MinimumProseWidth = 30;

    /// <summary>Where a block's heading starts: the table's left margin (its border and padding).</summary>
    private const int BlockIndent = 2;

    private readonly List<ValueColumn> columns = [];
    private readonly List<string[]> rows = [];

    public ValueTable Column(string header, ValueColumnRole role, bool rightAligned = false)
    {
        if (role == ValueColumnRole.Prose && columns.Any(c => c.Role == ValueColumnRole.Prose))
        {
            throw new InvalidOperationException("a value table has at most one prose column");
        }

        columns.Add(new ValueColumn(header, role, rightAligned));
        return this;
    }

    /// <summary>Adds a row; every cell is Spectre markup (escape values with Markup.Escape).</summary>
    public ValueTable Row(params string[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"{cells.Length} cells for {columns.Count} columns", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    public void Write(IAnsiConsole console)
    {
        int width = console.Profile.Width;
        var options = new RenderOptions(console.Profile.Capabilities, new Size(width, console.Profile.Height));
        int[] widths = columns.Select((c, i) => rows.Select(r => CellWidth(r[i], options)).Append(CellWidth(Markup.Escape(c.Header), options)).Max()).ToArray();
        if (FitsAsTable(widths, width))
        {
            console.Write(Table());
        }
        else
        {
            WriteBlocks(console, widths);
        }
    }

    /// <summary>The whole table fits: every value whole, and the prose (if any) at least
    /// <see cref="MinimumProseWidth"/> wide, or as wide as its longest cell where that is less.</summary>
    private bool FitsAsTable(int[] widths, int width)
    {
        // TableBorder.Simple: a border and one blank of padding each side of every column.
        int overhead = 3 * columns.Count + 1;
        int values = 0;
        int prose = 0;
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Role == ValueColumnRole.Prose)
            {
                prose = Math.Min(widths[i], MinimumProseWidth);
            }
            else
            {
                values += widths[i];
            }
        }

        return values + prose + overhead <= width;
    }

    private Table Table()
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            var tableColumn = new TableColumn(Markup.Escape(column.Header));
            if (column.Role != ValueColumnRole.Prose)
            {
                tableColumn.NoWrap();
            }

            if (column.RightAligned)
            {
                tableColumn.RightAligned();
            }

            table.AddColumn(tableColumn);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Markup(cell)));
        }

        return table;
    }

    private void WriteBlocks(IAnsiConsole console, int[] widths)
    {
        var headings = Indexes(ValueColumnRole.Heading);
        var details = Indexes(ValueColumnRole.Detail);
        int prose = columns.FindIndex(c => c.Role == ValueColumnRole.Prose);

        // Under the second heading value (the knob after the action), or a little in from the first.
        int detailIndent = headings.Count > 1 ? BlockIndent + widths[headings[0]] + 2 : BlockIndent + 2;
        foreach (var row in rows)
        {
            Indented.Write(console, BlockIndent, string.Join("  ", headings.Select((column, n) => n < headings.Count - 1 ? Pad(row[column], widths[column]) : row[column])));
            var block = new FieldBlock(detailIndent);
            var pairs = details.Select(i => $"{Markup.Escape(columns[i].Header)}: {row[i]}").ToList();
            string together = string.Join("  ", pairs);
            if (pairs.Count > 0 && detailIndent + together.RemoveMarkup().Length <= console.Profile.Width)
            {
                Indented.Write(console, detailIndent, together);
            }
            else
            {
                foreach (int i in details)
                {
                    block.Add(Markup.Escape(columns[i].Header) + ":", row[i]);
                }
            }

            if (prose >= 0 && row[prose].Length > 0)
            {
                block.Add(Markup.Escape(columns[prose].Header) + ":", row[prose]);
            }

            block.Write(console);
        }
    }

    private List<int> Indexes(ValueColumnRole role) =>
        columns.Select((c, i) => (c, i)).Where(x => x.c.Role == role).Select(x => x.i).ToList();

    private static string Pad(string markup, int width) => markup + new string(' ', Math.Max(0, width - markup.RemoveMarkup().Length));

    private static int CellWidth(string markup, RenderOptions options) =>
        ((IRenderable)new Markup(markup)).Measure(options, int.MaxValue).Max;
}
