using System.CommandLine;
using AiTune.Cli.Rendering;
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
        var collect = new MetricsRequestOptions();
        var textfile = new Option<string?>("--textfile") { Description = "Write DIR/aitune.prom atomically for node_exporter's textfile collector (--collector.textfile.directory=DIR) instead of printing" };
        var openMetrics = new Option<bool>("--openmetrics") { Description = "OpenMetrics 1.0 text instead of the Prometheus text format 0.0.4 (not with --textfile: node_exporter reads the latter)" };

        var command = new Command("metrics", "The host's Prometheus metrics: audit scores, huge pages per node, THP, pressure, drift, accelerators, benchmarks")
        {
            options.Root, textfile, openMetrics,
        };
        foreach (var option in collect.All)
        {
            command.Options.Add(option);
        }

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

            var request = new MetricsRequest(parse.GetValue(options.Root), parse.GetValue(collect.ProfileFiles) ?? [], parse.GetValue(collect.Profiles) ?? [],
                new ModelSpecification(parse.GetValue(collect.Model), parse.GetValue(collect.ModelSize)), parse.GetValue(collect.Cgroups) ?? [],
                parse.GetValue(collect.Database), parse.GetValue(collect.StateDir));
            var collection = new HostMetrics(AiTuneCli.Version, TimeProvider.System).Collect(request);
            var format = open ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
            if (directory is not null)
            {
                var path = MetricsTextfile.Write(directory, collection.WriteUtf8(format));
                error.WriteLine($"wrote {DisplayText.FilePath(path)}: {collection.Families.Count} families, {collection.Runs.Count(r => !r.Success)} collector(s) failed");
            }
            else
            {
                Utf8Output.Write(output, collection.WriteUtf8(format).Span);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
