using AiTune.Cli;

namespace AiTune.IntegrationTests.Support;

/// <summary>Runs the aitune command line in process and captures what it prints.</summary>
public static class Aitune
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = AiTuneCli.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
