namespace AiTune.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Findings at or above --fail-on; a compare that found a regression; a lab run with a kernel none of whose
    /// boots counted.</summary>
    public const int Findings = 1;
    /// <summary>Bad usage, bad input, or an environment that cannot be read.</summary>
    public const int UsageOrInput = 2;
    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
