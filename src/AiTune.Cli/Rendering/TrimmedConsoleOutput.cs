using System.Text;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>Spectre's output, through a <see cref="TrailingSpaceTrimmingWriter"/>, with the terminal question and the
/// width answered by <see cref="ConsoleFactory"/> rather than guessed from the writer (a wrapped writer is never
/// Console.Out, so Spectre would take every terminal for a pipe).</summary>
internal sealed class TrimmedConsoleOutput(TextWriter output, bool terminal, int width) : IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = new TrailingSpaceTrimmingWriter(output);

    public bool IsTerminal => terminal;

    public int Width => width;

    public int Height => terminal && !Console.IsOutputRedirected ? SafeHeight() : 24;

    public void SetEncoding(Encoding encoding)
    {
        if (terminal)
        {
            Console.OutputEncoding = encoding;
        }
    }

    private static int SafeHeight()
    {
        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 24;
        }
        catch (IOException)
        {
            return 24;
        }
    }
}
