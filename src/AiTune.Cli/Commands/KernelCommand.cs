using System.CommandLine;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Lab.Kernels;
using AiTune.Serialization;
using AiTune.Snapshots;

namespace AiTune.Cli.Commands;

/// <summary>`aitune kernel …`: the kernels a user can test in the lab. One subcommand per method here, added to the
/// group in <see cref="Create"/>.</summary>
public static class KernelCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error) =>
        new("kernel", "Kernels to compare and test: installed ones, extracted trees, .deb packages")
        {
            List(options, output, error),
        };

    /// <summary>`aitune kernel list [--root R] [KERNEL …]`.</summary>
    private static Command List(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var kernels = new Argument<string[]>("KERNEL")
        {
            Description = "A .deb package, a tree with boot/ and lib/modules/, a vmlinuz file with its config beside it, or an installed release; none: the installed kernels",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("list", "Release, flavor, preemption, HZ and longterm status of kernels, from their build configuration")
        {
            options.Root, kernels,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.KernelList.For("kernel list", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var (root, _) = HostRootOpener.Open(parse.GetValue(options.Root), AiTuneCli.Version);
            using (root)
            {
                var named = parse.GetValue(kernels) ?? [];
                var found = named.Length == 0
                    ? KernelCandidates.Installed(root)
                    : named.SelectMany(argument => KernelCandidates.Resolve(argument, root)).ToList();
                var document = new KernelListDocument(KernelListDocument.CurrentSchemaVersion, found.Select(KernelListEntry.Of).ToList());
                printed.Render(new KernelListing(document, named.Length == 0 ? root.Description : null));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
