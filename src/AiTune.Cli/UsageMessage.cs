using System.Text.RegularExpressions;

namespace AiTune.Cli;

/// <summary>System.CommandLine's parse errors in plain words: "Cannot parse argument 'abc' for option '--rounds' as
/// expected type 'System.Nullable`1[System.Int32]'" names a .NET type no user should have to read.</summary>
public static partial class UsageMessage
{
    public static string Plain(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        string type = match.Groups["type"].Value;
        string kind = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a value of the right kind";
        string target = match.Groups["name"].Value;
        return $"{target}: '{match.Groups["value"].Value}' is not {kind}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?<what>option|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex CannotParse();
}
