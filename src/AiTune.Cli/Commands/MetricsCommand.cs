using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Metrics;
using AiTune.Services;
using AiTune.Services.Metrics;
using AiTune.Text;

namespace AiTune.Cli.Commands;

/// <summary>`aitune metrics`: the Prometheus exposition of the host, on stdout or as node_exporter's textfile.</summary>
public static class MetricsCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var profiles = new Option<string[]>("--profile", "-p")
        {
            Description = "A profile (or a combination with '+') whose audit is exported; repeat for several. Default: every profile aitune profile list shows",
            Arity = ArgumentArity.OneOrMore,
        };
        var profileFiles = ProfileCommand.ProfileFileOption();
        var model = new Option<string?>("--model") { Description = "A safetensors or GGUF file: memory and huge page rules judge against its tensor bytes" };
        var modelSize = new Option<string?>("--model-size") { Description = "The model's size instead of a file (bytes, or 70GiB, 8G …)" };
        var cgroups = new Option<string[]>("--cgroup")
        {
            Description = "A cgroup (v2) whose pressure stalls are exported, as /proc/PID/cgroup names it (/system.slice/ollama.service); repeat for several",
            Arity = ArgumentArity.OneOrMore,
        };
        var database = new Option<string?>("--db") { Description = "The benchmark result store whose latest results are exported (default: this user's, when it exists)" };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where the tuning journal lives (default /var/lib/aitune, inside --root when given)" };
        var textfile = new Option<string?>("--textfile") { Description = "Write DIR/aitune.prom atomically for node_exporter's textfile collector (--collector.textfile.directory=DIR) instead of printing" };
        var openMetrics = new Option<bool>("--openmetrics") { Description = "OpenMetrics 1.0 text instead of the Prometheus text format 0.0.4 (not with --textfile: node_exporter reads the latter)" };

        var command = new Command("metrics", "The host's Prometheus metrics: audit scores, huge pages per node, THP, pressure, drift, accelerators, benchmarks")
        {
            options.Root, profiles, profileFiles, model, modelSize, cgroups, database, stateDir, textfile, openMetrics,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)).RequireText("metrics");
            var directory = parse.GetValue(textfile);
            bool open = parse.GetValue(openMetrics);
            if (directory is not null)
            {
                if (open)
                {
                    throw new AiTuneException("--textfile writes the Prometheus text format, not OpenMetrics",
                        "node_exporter's textfile collector reads the text format only: drop --openmetrics");
                }

                MetricsTextfile.RequireDirectory(directory); // before the collection, not after it
            }

            var request = new MetricsRequest(parse.GetValue(options.Root), parse.GetValue(profileFiles) ?? [], parse.GetValue(profiles) ?? [],
                new ModelSpecification(parse.GetValue(model), parse.GetValue(modelSize)), parse.GetValue(cgroups) ?? [],
                parse.GetValue(database), parse.GetValue(stateDir));
            var collection = new HostMetrics(AiTuneCli.Version, TimeProvider.System).Collect(request);
            var format = open ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
            if (directory is not null)
            {
                var path = MetricsTextfile.Write(directory, collection.WriteUtf8(format));
                error.WriteLine($"wrote {DisplayText.FilePath(path)}: {collection.Families.Count} families, {collection.Runs.Count(r => !r.Success)} collector(s) failed");
            }
            else
            {
                output.Write(collection.Write(format));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
