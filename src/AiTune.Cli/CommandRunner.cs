using System.Text.Json;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Cli;

/// <summary>Runs a command body; a user error becomes error:/hint: lines and exit 2, never a stack trace
/// (unless --debug).</summary>
public static class CommandRunner
{
    /// <summary>No error line is longer: past this, a message is a dump (a header, a list of reasons), not a sentence.
    /// The places that build messages shorten their values; this is the backstop.</summary>
    public const int MaxMessageChars = 600;

    /// <param name="debug">--debug: print the stack trace of every error, and let an internal error through.</param>
    public static int Run(bool debug, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (AiTuneException e)
        {
            Report(error, e.Message, e.Hint);
            Debug(debug, error, e);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (FileErrors.IsFileError(e) || e is JsonException)
        {
            // The places that read and write files map their exceptions with the path (FileErrors); this is the net
            // under them. Never e.Message: in the published binary it is a resource key, not a sentence.
            Report(error, "a file aitune needed: " + FileErrors.Describe(e),
                e is UnauthorizedAccessException ? FileErrors.PermissionHint : "rerun with --debug to see which file, and check it");
            Debug(debug, error, e);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (!debug)
        {
            Report(error, $"internal error ({e.GetType().Name}): {e.Message}", "this is a bug in aitune; rerun with --debug and report the output");
            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary>The error: and hint: lines, each one line and of readable length.</summary>
    public static void Report(TextWriter error, string message, string hint)
    {
        error.WriteLine("error: " + OneLine(message));
        error.WriteLine("hint: " + OneLine(hint));
    }

    private static string OneLine(string text) => DisplayText.Excerpt(text, MaxMessageChars);

    private static void Debug(bool debug, TextWriter error, Exception e)
    {
        if (debug)
        {
            error.WriteLine(e.ToString());
        }
    }
}
