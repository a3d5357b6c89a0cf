namespace AiTune.Cli.Rendering.Formats;

/// <summary>What `--format` chooses: text for people, JSON for programs (docs/schemas), Markdown for reports and
/// docs. HTML comes later.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,
}
