using System.CommandLine;
using System.Text.Json;
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
            options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var facts = new HostOpening(AiTuneCli.Version).Facts(parse.GetValue(options.Root), ProfileCatalog.BuiltIn);
            var document = new InspectDocument(InspectDocument.CurrentSchemaVersion, AiTuneCli.Version, facts);
            var json = JsonSerializer.Serialize(document, AiTuneJsonContext.Readable.InspectDocument);
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(json);
            }
            else
            {
                Rendering.FactsTextRenderer.Render(json, Rendering.ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
