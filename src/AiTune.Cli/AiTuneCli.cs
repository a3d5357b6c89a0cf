using System.CommandLine;
using System.Reflection;
using AiTune.Cli.Commands;

namespace AiTune.Cli;

/// <summary>The `aitune` command line: parses, dispatches, and turns every failure into
/// <c>error:</c> and <c>hint:</c> lines with exit code 2.</summary>
public static class AiTuneCli
{
    public static string Version { get; } =
        typeof(AiTuneCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("aitune: make Linux hosts ready for AI workloads, and prove it.")
        {
            options.Debug,
            options.NoColor,
            options.Format,
            options.Json,
        };
        root.Subcommands.Add(InspectCommand.Create(options, output, error));
        root.Subcommands.Add(AuditCommand.Create(options, output, error));
        root.Subcommands.Add(SnapshotCommand.Create(options, output, error));
        root.Subcommands.Add(RulesCommand.Create(options, output, error));
        root.Subcommands.Add(ProfileCommand.Create(options, output, error));
        root.Subcommands.Add(PlanCommand.Create(options, output, error));
        root.Subcommands.Add(ApplyCommand.Create(options, output, error));
        root.Subcommands.Add(VerifyCommand.Create(options, output, error));
        root.Subcommands.Add(RollbackCommand.Create(options, output, error));
        root.Subcommands.Add(StatusCommand.Create(options, output, error));
        root.Subcommands.Add(TuneCommand.Create(options, output, error));
        root.Subcommands.Add(Commands.Bench.BenchCommand.Create(options, output, error));
        root.Subcommands.Add(ModelCommand.Create(options, output, error));

        var help = root.Options.OfType<System.CommandLine.Help.HelpOption>().Single();
        help.Action = new SuiteHelpAction((System.CommandLine.Help.HelpAction)help.Action!);

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
}
