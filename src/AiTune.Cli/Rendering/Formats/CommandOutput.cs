using Spectre.Console;

namespace AiTune.Cli.Rendering.Formats;

/// <summary>A command's output in the format it was asked for: the document rendered once, at the end, and what the
/// command shows while it works (warnings before an apply, a closed loop's progress) on <see cref="Progress"/>.</summary>
public sealed class CommandOutput<TDocument>
{
    private readonly Action<TDocument, RenderTarget> render;
    private readonly RenderTarget target;
    private IAnsiConsole? progress;

    internal CommandOutput(Action<TDocument, RenderTarget> render, OutputFormat format, RenderTarget target)
    {
        this.render = render;
        this.target = target;
        Format = format;
    }

    public OutputFormat Format { get; }

    /// <summary>Where a command shows what happens before its document: the text console; nowhere when the output is a
    /// document for a program (JSON) or a file (Markdown), which must stay one document.</summary>
    public IAnsiConsole Progress => progress ??= Format == OutputFormat.Text ? target.Console : ConsoleFactory.Create(TextWriter.Null, noColor: true);

    public void Render(TDocument document) => render(document, target);
}
