using System.Text;
using AiTune.Services.Monitoring;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// The live view of `aitune monitor` on a terminal, as top draws it: the alternate screen, the cursor hidden, and each
/// frame written over the last from the top-left corner, every line cleared to its end, the rest of the screen
/// cleared below, cut to the terminal's height. Plain ANSI (CSI H, K, J and the DEC private modes 1049 and 25, which
/// every terminal emulator, tmux and screen know), no mouse, so it works over ssh. Disposing restores the terminal:
/// the cursor shown and the alternate screen left, whatever ended the view.
/// </summary>
/// <remarks>Spectre renders each frame (its grids, widths and colours) into text; Spectre's own Live display is not
/// used because it redraws by moving the cursor up by the last frame's height, which breaks as soon as a frame is
/// taller than the terminal.</remarks>
public sealed class MonitorScreen : IDisposable
{
    private const string Escape = "\u001b[";
    private readonly TextWriter terminal;
    private readonly bool colour;
    private bool disposed;

    public MonitorScreen(TextWriter terminal, bool colour)
    {
        this.terminal = terminal;
        this.colour = colour;
        terminal.Write($"{Escape}?1049h{Escape}?25l{Escape}H{Escape}2J");
        terminal.Flush();
    }

    /// <summary>Draws a frame at the terminal's current size.</summary>
    public void Draw(MonitorFrame frame, int width, int height)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new TrimmedConsoleOutput(text, terminal: true, width),
            Interactive = InteractionSupport.No,
        });
        console.Pipeline.Attach(new ControlCharacterHook());
        MonitorFrameRenderer.Write(console, frame, quitHint: true);
        console.Profile.Out.Writer.Flush();

        var lines = text.ToString().TrimEnd('\n').Split('\n');
        if (lines.Length > height)
        {
            lines = [.. lines.Take(height - 1), $"… {lines.Length - height + 1} more lines: a taller terminal shows them"];
        }

        var screen = new StringBuilder($"{Escape}H");
        for (int i = 0; i < lines.Length; i++)
        {
            // The last line gets no newline: on the bottom row a newline would scroll the screen.
            screen.Append(lines[i]).Append(Escape).Append('K').Append(i < lines.Length - 1 ? "\r\n" : "");
        }

        screen.Append(Escape).Append('J');
        terminal.Write(screen.ToString());
        terminal.Flush();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        // The cursor is shown last: leaving the alternate screen restores the state saved on entering it, which some
        // terminals take to include the cursor mode.
        terminal.Write($"{Escape}0m{Escape}?1049l{Escape}?25h");
        terminal.Flush();
    }
}
