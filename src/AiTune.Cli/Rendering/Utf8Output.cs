using System.Text;

namespace AiTune.Cli.Rendering;

/// <summary>A document that is UTF-8 already (JSON from a Utf8JsonWriter, a metrics exposition) goes to stdout as
/// those bytes. Decoding it into a string for Console.Out to encode again cost an audit two copies of a 40 KB document
/// and the pages they first touch (about 3 % of `aitune audit --json`).</summary>
public static class Utf8Output
{
    /// <summary>The bytes and a newline (<see cref="Write"/>).</summary>
    public static void WriteLine(TextWriter output, ReadOnlySpan<byte> utf8) => Write(output, utf8, newline: true);

    /// <summary>The bytes: straight to stdout when <paramref name="output"/> is the console and the console writes
    /// UTF-8 (Console.Out flushes every write, so nothing written before is still buffered); through
    /// <paramref name="output"/> otherwise (a test's writer, a console in another encoding).</summary>
    public static void Write(TextWriter output, ReadOnlySpan<byte> utf8) => Write(output, utf8, newline: false);

    private static void Write(TextWriter output, ReadOnlySpan<byte> utf8, bool newline)
    {
        if (ReferenceEquals(output, Console.Out) && output.Encoding.CodePage == Encoding.UTF8.CodePage)
        {
            output.Flush();
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(utf8);
            if (newline)
            {
                stdout.Write("\n"u8);
            }

            return;
        }

        output.Write(Encoding.UTF8.GetString(utf8));
        if (newline)
        {
            output.WriteLine();
        }
    }
}
