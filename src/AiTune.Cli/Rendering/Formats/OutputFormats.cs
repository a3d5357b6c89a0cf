namespace AiTune.Cli.Rendering.Formats;

/// <summary>The formats by the names `--format` takes.</summary>
public static class OutputFormats
{
    /// <summary>Every format's name, in the order help and hints list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Name(OutputFormat.Text), Name(OutputFormat.Json), Name(OutputFormat.Markdown)];

    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.Json => "json",
        OutputFormat.Markdown => "md",
        _ => "text",
    };

    /// <summary>The format named <paramref name="name"/> (one of <see cref="Names"/>: the option accepts no other).</summary>
    public static OutputFormat Parse(string name) => name switch
    {
        "json" => OutputFormat.Json,
        "md" => OutputFormat.Markdown,
        "text" => OutputFormat.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a format name"),
    };
}
