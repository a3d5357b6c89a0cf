using System.CommandLine;

namespace AiTune.Cli.Commands.Kernel;

/// <summary>`aitune kernel`: the kernels a user can compare and test in the lab.</summary>
public static class KernelCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error) =>
        new("kernel", "Kernels as inputs to the lab: compare their AI-relevant build configurations")
        {
            KernelDiffCommand.Create(options, output, error),
        };
}
