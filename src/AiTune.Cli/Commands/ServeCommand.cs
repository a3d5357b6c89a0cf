using System.CommandLine;
using System.Globalization;
using AiTune.Cli.Rendering.Formats;
using AiTune.Metrics.Http;
using AiTune.Services;
using AiTune.Services.Metrics;

namespace AiTune.Cli.Commands;

/// <summary>`aitune serve [--listen ADDR] [--cache-seconds N] [--scrape-timeout S] [--allow-remote]`: the
/// metrics over HTTP for Prometheus, until Ctrl-C or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Address and port to listen on: 127.0.0.1:9479 (default), [::1]:9479; anything not loopback needs --allow-remote",
            DefaultValueFactory = _ => ListenAddress.Default,
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow a --listen address that is not loopback: the endpoint has no authentication, put a reverse proxy with TLS and authentication in front (docs/serve.md)",
        };
        var cacheSeconds = new Option<double>("--cache-seconds")
        {
            Description = "Serve a finished collection again for this many seconds (default 0: every scrape collects, and scrapes that overlap share one collection)",
            DefaultValueFactory = _ => 0,
        };
        var scrapeTimeout = new Option<double>("--scrape-timeout")
        {
            Description = "Seconds a scrape waits for the collection before it answers 503 (default 8, under Prometheus' default scrape_timeout of 10 s)",
            DefaultValueFactory = _ => 8,
        };
        var collect = new MetricsRequestOptions();
        var command = new Command("serve", "Serve the metrics over HTTP for Prometheus (/metrics), on 127.0.0.1:9479 by default")
        {
            options.Root, listen, allowRemote, cacheSeconds, scrapeTimeout,
        };
        foreach (var option in collect.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)).RequireText("serve");
            var endpoint = ListenAddress.Parse(parse.GetValue(listen)!, parse.GetValue(allowRemote));
            var limits = new MetricsServerLimits
            {
                CacheDuration = Seconds("--cache-seconds", parse.GetValue(cacheSeconds), allowZero: true),
                ScrapeTimeout = Seconds("--scrape-timeout", parse.GetValue(scrapeTimeout), allowZero: false),
            };
            var request = new MetricsRequest(parse.GetValue(options.Root), parse.GetValue(collect.ProfileFiles) ?? [], parse.GetValue(collect.Profiles) ?? [],
                new ModelSpecification(parse.GetValue(collect.Model), parse.GetValue(collect.ModelSize)), parse.GetValue(collect.Cgroups) ?? [],
                parse.GetValue(collect.Database), parse.GetValue(collect.StateDir));
            // The first collection runs before the port opens: a wrong --root, profile or cgroup is an error now, not
            // a 500 on every scrape.
            var served = ServedMetrics.Start(AiTuneCli.Version, request, limits.CollectorBudget);

            using var interrupt = new InterruptSignal(error, "stopping the server");
            var server = MetricsServer.Start(endpoint, limits, served.ProduceAsync, error);
            error.WriteLine($"serve: listening on {server.MetricsUrl} (Ctrl-C stops)");
            try
            {
                interrupt.Token.WaitHandle.WaitOne();
            }
            finally
            {
                server.StopAsync().GetAwaiter().GetResult();
            }

            error.WriteLine("serve: stopped");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A duration in seconds from the command line: finite, not negative, at most a day.</summary>
    private static TimeSpan Seconds(string option, double seconds, bool allowZero)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || (seconds == 0 && !allowZero) || seconds > 86_400)
        {
            throw new AiTuneException(
                $"{option} {seconds.ToString(CultureInfo.InvariantCulture)}: give a number of seconds {(allowZero ? "from 0" : "above 0")} up to 86400",
                allowZero ? "--cache-seconds 0 (the default) collects on every scrape" : "--scrape-timeout 8 (the default) suits Prometheus' default scrape_timeout of 10 s");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
