using System.CommandLine;

namespace AiTune.Cli;

/// <summary>Runs a command body; a user error becomes error:/hint: lines and exit 2, never a stack trace
/// (unless --debug).</summary>
public static class CommandRunner
{
    public static int Run(ParseResult parse, GlobalOptions options, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (AiTuneException e)
        {
            error.WriteLine("error: " + e.Message);
            error.WriteLine("hint: " + e.Hint);
            if (parse.GetValue(options.Debug))
            {
                error.WriteLine(e.ToString());
            }

            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            error.WriteLine("hint: check the path and its permissions");
            if (parse.GetValue(options.Debug))
            {
                error.WriteLine(e.ToString());
            }

            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (!parse.GetValue(options.Debug))
        {
            error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message}");
            error.WriteLine("hint: this is a bug in aitune; rerun with --debug and report the output");
            return ExitCodes.UsageOrInput;
        }
    }
}
