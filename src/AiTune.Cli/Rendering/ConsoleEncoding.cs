using System.Text;

namespace AiTune.Cli.Rendering;

/// <summary>
/// The encoding aitune's stdout is written in: .NET's console encoding (the charset of the locale variables, UTF-8
/// when they name none), decided without asking Console.OutputEncoding where the answer is certain. That property
/// looks the charset up in .NET's encoding table, a third of a millisecond of every run; when every locale variable
/// .NET or the C library could consult names UTF-8 or no charset at all, the answer is UTF-8 whichever of them wins.
/// </summary>
internal static class ConsoleEncoding
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG"];

    public static Encoding ForOutput()
    {
        foreach (var variable in LocaleVariables)
        {
            if (!NamesUtf8OrNoCharset(Environment.GetEnvironmentVariable(variable)))
            {
                return Console.OutputEncoding;
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }

    /// <summary>Unset, "C", "en_US", "C.UTF-8", "de_DE.utf8@euro": true; "en_US.ISO-8859-1": false.</summary>
    internal static bool NamesUtf8OrNoCharset(string? locale)
    {
        int dot = locale?.IndexOf('.') ?? -1;
        if (dot < 0)
        {
            return true;
        }

        var charset = locale.AsSpan(dot + 1);
        int modifier = charset.IndexOf('@');
        charset = modifier < 0 ? charset : charset[..modifier];
        return charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
