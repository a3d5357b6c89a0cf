using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AiTune.Cli.Rendering.Formats;

/// <summary>How one kind of document is rendered in each format it has: one renderer per format. The registry of
/// them is <see cref="DocumentRenderers"/>.</summary>
/// <typeparam name="TDocument">What a command hands over to print: a document of Serialization, or the outcome a
/// service returned.</typeparam>
public sealed class DocumentRenderer<TDocument>
{
    private readonly Dictionary<OutputFormat, Action<TDocument, RenderTarget>> renderers = [];

    /// <summary>The formats this document has, in the order hints list them.</summary>
    public IReadOnlyCollection<OutputFormat> Formats
    {
        get
        {
            // Sorted by hand: Order() over an enum is a generic virtual call that NativeAOT resolves at run time, and
            // every command asks for its formats.
            var formats = new List<OutputFormat>(renderers.Keys);
            formats.Sort((a, b) => ((int)a).CompareTo((int)b));
            return formats;
        }
    }

    public DocumentRenderer<TDocument> Text(Action<TDocument, RenderTarget> render) => With(OutputFormat.Text, render);

    public DocumentRenderer<TDocument> Markdown(Action<TDocument, RenderTarget> render) => With(OutputFormat.Markdown, render);

    /// <summary>The document as JSON, indented, with the encoder every document uses.</summary>
    /// <param name="type">Asked for only when a document is written: building a type's JSON metadata costs
    /// milliseconds, and a run prints one document (the registry holds them all).</param>
    public DocumentRenderer<TDocument> Json(Func<JsonTypeInfo<TDocument>> type) => Json(document => document, type);

    /// <summary>The document as the JSON document <paramref name="toWire"/> makes of it: the wire format is defined in
    /// Serialization, not by the domain record.</summary>
    public DocumentRenderer<TDocument> Json<TWire>(Func<TDocument, TWire> toWire, Func<JsonTypeInfo<TWire>> type) =>
        With(OutputFormat.Json, (document, target) => target.Output.WriteLine(JsonSerializer.Serialize(toWire(document), type())));

    /// <summary>The document as JSON made by its own writer (<see cref="AiTune.Serialization.AuditReportJson"/>), for
    /// the documents printed so often that the serializer's start-up shows.</summary>
    public DocumentRenderer<TDocument> Json(Func<TDocument, ReadOnlyMemory<byte>> writeUtf8) =>
        With(OutputFormat.Json, (document, target) => Utf8Output.WriteLine(target.Output, writeUtf8(document).Span));

    /// <summary>The output of one command: the format chosen is checked against this document's formats before the
    /// command does anything, so `apply --format md` fails before it writes.</summary>
    /// <param name="command">The command as a user types it after "aitune" ("profile show", "bench history").</param>
    public CommandOutput<TDocument> For(string command, OutputChoice choice, TextWriter output)
    {
        var format = choice.Chosen;
        OutputChoice.Check(command, format, Formats);
        return new CommandOutput<TDocument>(renderers[format], format, new RenderTarget(output, choice.NoColor));
    }

    private DocumentRenderer<TDocument> With(OutputFormat format, Action<TDocument, RenderTarget> render)
    {
        renderers.Add(format, render);
        return this;
    }
}
