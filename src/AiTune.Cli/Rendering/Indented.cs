using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>A paragraph set in from the left margin, every wrapped line at the same indent.</summary>
internal static class Indented
{
    /// <param name="markup">Spectre markup (escape values with Markup.Escape).</param>
    public static void Write(IAnsiConsole console, int indent, string markup)
    {
        if (!PlainLine.TryWrite(console, indent, markup))
        {
            console.Write(new Padder(new Markup(markup), new Padding(indent, 0, 0, 0)) { Expand = false });
        }
    }
}
