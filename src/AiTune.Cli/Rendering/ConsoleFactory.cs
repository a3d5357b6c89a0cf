using System.Globalization;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// A console for human output: colour only on a terminal, and never with NO_COLOR or --no-color; no control character
/// from a value reaches the terminal; no line ends in blanks. Its width: COLUMNS when set (as ls and other tools
/// honour it, and how tests render at 80 columns), else the terminal's; output that is not a terminal and has no
/// COLUMNS is not wrapped at all, so a pipe or a file gets one audit field, one plan row, one record per line.
/// </summary>
public static class ConsoleFactory
{
    /// <summary>The width of output that is not wrapped: wider than any line aitune writes.</summary>
    public const int UnlimitedWidth = 4096;

    /// <summary>The narrowest width aitune lays out for; a smaller COLUMNS is taken as this.</summary>
    public const int MinimumWidth = 40;

    public static IAnsiConsole Create(TextWriter output, bool noColor)
    {
        var terminal = IsTerminal(output);
        var plain = noColor || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || !terminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new TrimmedConsoleOutput(output, terminal, Width(terminal)),
            Interactive = InteractionSupport.No,
        });
        console.Pipeline.Attach(new ControlCharacterHook());
        return console;
    }

    /// <summary>Whether <paramref name="output"/> is this process's standard output and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>COLUMNS if it holds a width, else the terminal's width, else <see cref="UnlimitedWidth"/>.</summary>
    public static int Width(bool terminal)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns > 0)
        {
            return Math.Clamp(columns, MinimumWidth, UnlimitedWidth);
        }

        if (!terminal)
        {
            return UnlimitedWidth;
        }

        try
        {
            return Console.WindowWidth > 0 ? Math.Max(Console.WindowWidth, MinimumWidth) : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
