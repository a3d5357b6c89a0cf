using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AiTune.Benchmarks;

namespace AiTune.Cli;

/// <summary>`--help`, plus a benchmark suite's method ("what it measures and how") after the usage of its command:
/// too long for the one-line descriptions `aitune bench --help` lists.</summary>
public sealed class SuiteHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        int result = standard.Invoke(parseResult);
        var suite = BenchmarkSuites.All.FirstOrDefault(s => s.Name == parseResult.CommandResult.Command.Name && parseResult.CommandResult.Command.Parents.OfType<Command>().Any(p => p.Name == "bench"));
        if (suite is not null)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("How it measures:");
            foreach (var line in Rendering.WordWrap.Lines(suite.Method, 100))
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
        }

        return result;
    }
}
