using System.CommandLine;

namespace AiTune.Cli.Commands.Kernel;

/// <summary>`aitune kernel`: the kernels a user can compare and test in the lab.</summary>
public static class KernelCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error) =>
        new("kernel", "Kernels to compare and test in the lab: installed ones, extracted trees, .deb packages")
        {
            KernelListCommand.Create(options, output, error),
            KernelDiffCommand.Create(options, output, error),
        };
}
