using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Hosts;
using AiTune.Snapshots;
using AiTune.Text;

namespace AiTune.Cli.Commands;

public static class SnapshotCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var outputPath = new Option<string>("--output", "-o") { Description = "The archive to write (.tar.gz; refused if it exists, unless --force)", Required = true };
        var force = ForceOption.Create();
        var command = new Command("snapshot", "Capture exactly the files aitune reads into one archive, to audit elsewhere or keep as a fixture")
        {
            options.Root, outputPath, force,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)).RequireText("snapshot");
            var path = parse.GetValue(outputPath)!;
            using var interrupt = new InterruptSignal(error, "stopping; nothing is written");
            try
            {
                var metadata = new HostOpening(AiTuneCli.Version).Snapshot(parse.GetValue(options.Root), path, parse.GetValue(force), interrupt.Token);
                error.WriteLine($"wrote {DisplayText.FilePath(path)}: {metadata.Unreadable.Count} path(s) unreadable (listed in {SnapshotMetadata.FileName})");
            }
            catch (OperationCanceledException) when (interrupt.Raised)
            {
                error.WriteLine($"interrupted: {DisplayText.FilePath(path)} was not written");
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
