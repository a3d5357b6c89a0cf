using System.CommandLine;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Lab.Configs;
using AiTune.Snapshots;

namespace AiTune.Cli.Commands.Kernel;

/// <summary>`aitune kernel diff A B [C …]`: the AI-relevant build-configuration differences between kernels, grouped
/// by area, each value with what it means for inference or training; the first kernel is the baseline.</summary>
public static class KernelDiffCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var kernels = new Argument<string[]>("KERNEL")
        {
            Description = "Two or more kernels, the first the baseline: a .deb package, a tree with boot/ and lib/modules/, a vmlinuz file with its config beside it, an installed release, or a config file (boot/config-RELEASE, /proc/config.gz, a .config; gzip, xz or zstd)",
            Arity = ArgumentArity.OneOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Show every concept of the catalogue, not only those that differ (JSON always holds them all)" };
        var command = new Command("diff", "Compare kernels' AI-relevant build options (preemption, HZ, THP, NUMA, sched_ext, io_uring, PSI, mitigations, lockdown, modules, virtio …), grouped by area, with what each difference means")
        {
            options.Root, kernels, all,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.KernelDiff.For("kernel diff", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var (root, _) = HostRootOpener.Open(parse.GetValue(options.Root), AiTuneCli.Version);
            using (root)
            {
                var inputs = parse.GetValue(kernels)!.SelectMany(argument => KernelConfigFiles.Resolve(argument, root)).ToList();
                printed.Render(new KernelDiffListing(KernelConfigDiffer.Compare(inputs), parse.GetValue(all)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
