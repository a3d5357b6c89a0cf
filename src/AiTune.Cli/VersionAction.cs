using System.CommandLine;
using System.CommandLine.Invocation;

namespace AiTune.Cli;

/// <summary>`--version`: the version the build wrote in (<see cref="BuildVersion"/>), where System.CommandLine's
/// own action would look it up in the assembly's attributes by reflection at every call.</summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(BuildVersion.Informational);
        return ExitCodes.Ok;
    }
}
