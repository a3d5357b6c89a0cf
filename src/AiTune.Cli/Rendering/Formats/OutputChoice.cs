namespace AiTune.Cli.Rendering.Formats;

/// <summary>What the global options ask of a command's output: `--format`, its alias `--json`, and `--no-color`.</summary>
/// <param name="Format">--format as given; null when it was not.</param>
/// <param name="Json">--json, which is --format json.</param>
public sealed record OutputChoice(string? Format, bool Json, bool NoColor)
{
    /// <summary>The format asked for: --json or --format, text when neither. Both with different values is a usage
    /// error: a script that says --json and gets Markdown would break quietly.</summary>
    public OutputFormat Chosen
    {
        get
        {
            if (Json && Format is not null && Format != OutputFormats.Name(OutputFormat.Json))
            {
                throw new AiTuneException($"--json and --format {Format} ask for two formats", "--json is --format json: give one of them");
            }

            return Json ? OutputFormat.Json : OutputFormats.Parse(Format ?? OutputFormats.Name(OutputFormat.Text));
        }
    }

    /// <summary>For a command that prints no document (it writes a file, or says a line of what it did): only text.</summary>
    /// <param name="command">The command as a user types it after "aitune" ("snapshot", "bench export").</param>
    public void RequireText(string command) => Check(command, Chosen, [OutputFormat.Text]);

    /// <summary>Refuses a format the command's document does not have, naming the ones it has.</summary>
    internal static void Check(string command, OutputFormat chosen, IReadOnlyCollection<OutputFormat> supported)
    {
        if (!supported.Contains(chosen))
        {
            throw new AiTuneException($"{command} has no {OutputFormats.Name(chosen)} output",
                $"the formats {command} has: {string.Join(", ", supported.Select(OutputFormats.Name))}");
        }
    }
}
