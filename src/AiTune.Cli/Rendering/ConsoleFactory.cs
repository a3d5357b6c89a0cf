using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>A console for human output: colour only on a terminal, and never with NO_COLOR or --no-color; no
/// control character from a value reaches the terminal.</summary>
public static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter output, bool noColor)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var plain = noColor || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || !terminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Pipeline.Attach(new ControlCharacterHook());
        if (!terminal)
        {
            console.Profile.Width = 4096; // no wrapping in pipes and files: one finding field per line
        }

        return console;
    }
}
