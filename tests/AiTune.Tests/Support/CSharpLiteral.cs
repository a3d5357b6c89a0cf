using System.Globalization;
using System.Text;

namespace AiTune.Tests.Support;

/// <summary>C# source for a string, for the files the tests generate: a regular literal in which every character
/// that could be invisible or break the line (controls, format characters, separators, unpaired halves) is an
/// escape, so the generated source reads as exactly what the compiler sees.</summary>
public static class CSharpLiteral
{
    public static string Of(string text)
    {
        var literal = new StringBuilder("\"", text.Length + 2);
        foreach (char c in text)
        {
            literal.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when NeedsEscape(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
