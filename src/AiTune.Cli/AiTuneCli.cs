using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using AiTune.Cli.Commands;

namespace AiTune.Cli;

/// <summary>The `aitune` command line: parses, dispatches, and turns every failure into
/// <c>error:</c> and <c>hint:</c> lines with exit code 2.</summary>
public static class AiTuneCli
{
    /// <summary>The release (0.1.0), without the commit the informational version adds.</summary>
    public static string Version { get; } = BuildVersion.Informational.Split('+')[0];

    /// <summary>Every command with its name, in the order help lists them.</summary>
    private static IReadOnlyList<(string Name, Func<Command> Create)> Commands(GlobalOptions options, TextWriter output, TextWriter error) =>
    [
        ("inspect", () => InspectCommand.Create(options, output, error)),
        ("audit", () => AuditCommand.Create(options, output, error)),
        ("snapshot", () => SnapshotCommand.Create(options, output, error)),
        ("rules", () => RulesCommand.Create(options, output, error)),
        ("profile", () => ProfileCommand.Create(options, output, error)),
        ("plan", () => PlanCommand.Create(options, output, error)),
        ("apply", () => ApplyCommand.Create(options, output, error)),
        ("verify", () => VerifyCommand.Create(options, output, error)),
        ("rollback", () => RollbackCommand.Create(options, output, error)),
        ("status", () => StatusCommand.Create(options, output, error)),
        ("tune", () => TuneCommand.Create(options, output, error)),
        ("bench", () => Cli.Commands.Bench.BenchCommand.Create(options, output, error)),
        ("model", () => ModelCommand.Create(options, output, error)),
        ("kernel", () => Cli.Commands.Kernel.KernelCommand.Create(options, output, error)),
        ("lab", () => Cli.Commands.Lab.LabCommand.Create(options, output, error)),
        ("metrics", () => MetricsCommand.Create(options, output, error)),
        ("monitor", () => MonitorCommand.Create(options, output, error)),
        ("serve", () => ServeCommand.Create(options, output, error)),
    ];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new GlobalOptions();
        // A plain command as the root, not System.CommandLine's RootCommand: that one builds its help option at
        // once, whose description is looked up through a ResourceManager (reflection over the assembly, a fifth of
        // the start-up). Help is built here only when asked for; --version is aitune's own option.
        var root = new Command("aitune", "aitune: make Linux hosts ready for AI workloads, and prove it.")
        {
            options.Debug,
            options.NoColor,
            options.Format,
            options.Json,
            VersionOption(),
        };
        bool wantsHelp = args.Any(a => a is "--help" or "-h" or "/h" or "-?" or "/?");
        if (wantsHelp)
        {
            var help = new HelpOption();
            help.Action = new SuiteHelpAction((HelpAction)help.Action!);
            root.Options.Add(help);
        }

        // Only the command asked for is built (each builds its options and their descriptions, and a run needs
        // one), and none for the version. The tool's help, a mistyped command (answered with the closest names), a
        // missing one, or options before the command name build them all.
        var commands = Commands(options, output, error);
        var named = args.FirstOrDefault(a => !a.StartsWith('-'));
        bool known = commands.Any(c => c.Name == named);
        bool versionOnly = args is ["--version"];
        foreach (var (name, create) in commands)
        {
            if (!versionOnly && (!known || named == name))
            {
                root.Subcommands.Add(create());
            }
        }

        var parse = root.Parse(args);
        // --help answers even when the command's required options are missing: "aitune apply --help" must not
        // demand --profile first.
        if (parse.Errors.Count > 0 && parse.Action is not SuiteHelpAction)
        {
            // One line per distinct error: System.CommandLine repeats one for every missing argument, and lists
            // the allowed values of an option on lines of their own.
            foreach (var message in parse.Errors.Select(e => UsageMessage.Plain(string.Join(" ", e.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)))).Distinct())
            {
                error.WriteLine("error: " + message);
            }

            error.WriteLine("hint: run 'aitune --help' or 'aitune COMMAND --help' for the usage");
            return ExitCodes.UsageOrInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>--version, alone: "aitune --version audit" would otherwise print the version and run nothing, with
    /// exit 0, as if the audit had passed.</summary>
    private static Option<bool> VersionOption()
    {
        var version = new Option<bool>("--version") { Description = "Show version information", Action = new VersionAction() };
        version.Validators.Add(result =>
        {
            if (!result.Implicit && result.Parent is CommandResult command && command.Children.Any(c => c != result && c is not OptionResult { Implicit: true }))
            {
                result.AddError("--version takes no other arguments");
            }
        });
        return version;
    }
}
