using System.Text;

namespace AiTune.Lab.Qemu;

/// <summary>Lines collected from another process up to a bound; what comes after is counted, not kept (a runaway
/// QEMU must not fill aitune's memory).</summary>
internal sealed class BoundedText(int maxChars)
{
    private readonly StringBuilder text = new();
    private readonly Lock gate = new();
    private int droppedLines;

    public void AppendLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            if (text.Length + line.Length + 1 > maxChars)
            {
                droppedLines++;
                return;
            }

            text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return droppedLines == 0 ? text.ToString() : text + $"[{droppedLines} more lines not kept]\n";
        }
    }
}
