using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Profiles;
using AiTune.Serialization;
using AiTune.Services.Hosts;

namespace AiTune.Cli.Commands;

public static class InspectCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var command = new Command("inspect", "Print the typed facts aitune reads from a host; unreadable ones say why")
        {
            options.Root,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.Inspect.For("inspect", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var facts = new HostOpening(AiTuneCli.Version).Facts(parse.GetValue(options.Root), ProfileCatalog.BuiltIn);
            printed.Render(new InspectDocument(InspectDocument.CurrentSchemaVersion, AiTuneCli.Version, facts));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
