using System.CommandLine;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Lab.Kernels;
using AiTune.Serialization;
using AiTune.Snapshots;

namespace AiTune.Cli.Commands.Kernel;

/// <summary>`aitune kernel list [--root R] [KERNEL …]`: release, flavor, preemption, HZ and longterm status of the
/// kernels a user can test.</summary>
public static class KernelListCommand
{
    /// <summary>`aitune kernel list [--root R] [KERNEL …]`.</summary>
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
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
