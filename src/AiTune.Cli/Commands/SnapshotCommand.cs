using System.CommandLine;
using AiTune.Hosting;
using AiTune.Profiles;
using AiTune.Snapshots;

namespace AiTune.Cli.Commands;

public static class SnapshotCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var outputPath = new Option<string>("--output", "-o") { Description = "The archive to write (.tar.gz)", Required = true };
        var command = new Command("snapshot", "Capture exactly the files aitune reads into one archive, to audit elsewhere or keep as a fixture")
        {
            options.Root, outputPath,
        };
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var path = parse.GetValue(outputPath)!;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(directory))
            {
                throw new AiTuneException($"cannot write {path}: {directory} does not exist", "create the directory first, or choose another -o path");
            }

            var (root, source) = HostRootOpener.Open(parse.GetValue(options.Root), AiTuneCli.Version);
            using (root)
            {
                var metadata = SnapshotWriter.Capture(root, source, HostLoader.ProfileSysctls(ProfileCatalog.BuiltIn), path, AiTuneCli.Version);
                error.WriteLine($"wrote {path}: {metadata.Unreadable.Count} path(s) unreadable (listed in {SnapshotMetadata.FileName})");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
