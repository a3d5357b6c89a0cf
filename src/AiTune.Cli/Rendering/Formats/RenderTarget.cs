using Spectre.Console;

namespace AiTune.Cli.Rendering.Formats;

/// <summary>Where a document is rendered: the output as plain text (JSON, Markdown) and, made on first use, the
/// console text renderers lay out on (<see cref="ConsoleFactory"/>: colour only on a terminal, wrapped to its width).</summary>
public sealed class RenderTarget(TextWriter output, bool noColor)
{
    private IAnsiConsole? console;

    public TextWriter Output => output;

    /// <summary>The width plain text written to <see cref="Output"/> is wrapped at: the console's
    /// (<see cref="ConsoleFactory.Width"/>: COLUMNS, else the terminal's, else not wrapped).</summary>
    public int Width => ConsoleFactory.Width(ConsoleFactory.IsTerminal(output));

    /// <summary>One console for the whole command, so what it prints before its document (warnings, progress) and the
    /// document itself share one layout.</summary>
    public IAnsiConsole Console => console ??= ConsoleFactory.Create(output, noColor);
}
