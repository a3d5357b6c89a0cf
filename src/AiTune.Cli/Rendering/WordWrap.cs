using System.Text;

namespace AiTune.Cli.Rendering;

/// <summary>Breaks a sentence at its spaces into lines of at most a width, so that plain text lines fit a terminal
/// (80 columns) without a word cut in two. A word longer than the width gets a line of its own.</summary>
public static class WordWrap
{
    /// <summary>The lines of <paramref name="text"/>: the first keeps the text's leading spaces, the others start
    /// with <paramref name="indent"/> spaces.</summary>
    public static IEnumerable<string> Lines(string text, int width, int indent = 0)
    {
        int lead = text.Length - text.TrimStart(' ').Length;
        var line = new StringBuilder().Append(' ', lead);
        int start = lead; // where the line's words begin
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(' ', indent);
                start = indent;
            }

            line.Append(line.Length > start ? " " : "").Append(word);
        }

        if (line.Length > start)
        {
            yield return line.ToString();
        }
    }

    /// <summary>Writes <paramref name="text"/> wrapped at <paramref name="width"/> columns, continuation lines indented.</summary>
    public static void WriteLine(TextWriter output, string text, int width, int indent)
    {
        foreach (var line in Lines(text, width, indent))
        {
            output.WriteLine(line);
        }
    }
}
