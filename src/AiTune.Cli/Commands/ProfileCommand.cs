using System.CommandLine;
using System.CommandLine.Parsing;
using AiTune.Cli.Rendering.Formats;
using AiTune.Serialization;
using AiTune.Services;
using AiTune.Services.Hosts;

namespace AiTune.Cli.Commands;

/// <summary>`aitune profile list` and `aitune profile show NAME`: the profiles this host can use, and what one of
/// them wants of this host, resolved (conditions judged, values computed from the model, conflicts named).</summary>
public static class ProfileCommand
{
    /// <summary>--profile-file PATH, repeatable: local user profiles, over the built-in ones and the host's profiles.d.</summary>
    public static Option<string[]> ProfileFileOption() => new("--profile-file")
    {
        Description = "A user profile file (TOML, see docs/profiles.md); repeat for several. Adds to the built-in profiles and /etc/aitune/profiles.d",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = NoValues,
    };

    /// <summary>The default of a repeatable option that was not given. Without it, System.CommandLine makes the empty
    /// array with Array.CreateInstance, which NativeAOT serves through reflection (0.3 ms of every command).</summary>
    public static string[] NoValues(ArgumentResult result) => [];

    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var command = new Command("profile", "The tuning profiles: list them, or show one resolved for a host");
        command.Subcommands.Add(List(options, output, error));
        command.Subcommands.Add(Show(options, output, error));
        return command;
    }

    private static Command List(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var profileFiles = ProfileFileOption();
        var command = new Command("list", "List the profiles: built-in, the host's /etc/aitune/profiles.d, and --profile-file")
        {
            options.Root, profileFiles,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.ProfileList.For("profile list", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var catalog = new HostOpening(AiTuneCli.Version).Profiles(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? []);
            printed.Render(ProfileListDocument.From(catalog, AiTuneCli.Version));

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "A profile, or a combination with '+' (inference-latency+hardened)" };
        var profileFiles = ProfileFileOption();
        var model = new Option<string?>("--model") { Description = "A safetensors or GGUF file: huge page settings are sized for its tensor bytes" };
        var modelSize = new Option<string?>("--model-size") { Description = "The model's size instead of a file (bytes, or 70GiB, 8G …)" };
        var command = new Command("show", "Show a profile resolved for a host: each setting's target or why it is skipped, its rationale and source, and conflicts")
        {
            name, options.Root, profileFiles, model, modelSize,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.ProfileShow.For("profile show", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var request = new HostProfileRequest(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? [], parse.GetValue(name)!,
                new ModelSpecification(parse.GetValue(model), parse.GetValue(modelSize)));
            var resolved = new ProfileResolution(AiTuneCli.Version).Resolve(request);
            printed.Render(ResolvedProfileDocument.From(resolved.Profile, resolved.Facts, resolved.Model, AiTuneCli.Version));

            return ExitCodes.Ok;
        }));
        return command;
    }
}
