using System.Text;

namespace AiTune.Tests.Support;

/// <summary>Writes ar archives as GNU ar does (names ending in '/', decimal sizes, a newline after odd-sized data),
/// for the tests of the reader; nothing checks the names, so hostile ones can be written.</summary>
public static class ArWriter
{
    public static byte[] Write(IEnumerable<(string Name, byte[] Data)> members)
    {
        using var output = new MemoryStream();
        output.Write("!<arch>\n"u8);
        foreach (var (name, data) in members)
        {
            var header = $"{name + "/",-16}{"0",-12}{"0",-6}{"0",-6}{"100644",-8}{data.Length,-10}`\n";
            output.Write(Encoding.ASCII.GetBytes(header));
            output.Write(data);
            if (data.Length % 2 == 1)
            {
                output.WriteByte((byte)'\n');
            }
        }

        return output.ToArray();
    }
}
