using System.CommandLine;

namespace AiTune.Cli.Commands.Lab;

/// <summary>`aitune lab`: boot candidate kernels in virtual machines and measure the same workload on each.</summary>
public static class LabCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error) =>
        new("lab", "Boot candidate kernels in QEMU guests whose PID 1 is aitune, measure the same suites on each, and judge them against a baseline")
        {
            LabRunCommand.Create(options, output, error),
            LabBootCommand.Create(options, output, error),
            LabSnapshotCommand.Create(options, output, error),
        };
}
