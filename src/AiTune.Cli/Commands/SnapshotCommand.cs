using System.CommandLine;
using AiTune.Files;
using AiTune.Models;
using AiTune.Profiles;
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
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var path = parse.GetValue(outputPath)!;
            bool replace = parse.GetValue(force);
            OutputFile.RequireWritable(path, replace);
            var (root, source) = HostRootOpener.Open(parse.GetValue(options.Root), AiTuneCli.Version);
            using (root)
            using (var interrupt = new InterruptSignal(error, "stopping; nothing is written"))
            {
                try
                {
                    var metadata = SnapshotWriter.Capture(root, source, HostLoader.ProfileSysctls(ProfileCatalog.BuiltIn), path, AiTuneCli.Version, replace, interrupt.Token);
                    error.WriteLine($"wrote {DisplayText.FilePath(path)}: {metadata.Unreadable.Count} path(s) unreadable (listed in {SnapshotMetadata.FileName})");
                }
                catch (OperationCanceledException) when (interrupt.Raised)
                {
                    error.WriteLine($"interrupted: {DisplayText.FilePath(path)} was not written");
                    return ExitCodes.Interrupted;
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
