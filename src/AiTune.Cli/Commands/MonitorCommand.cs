using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services;
using AiTune.Services.Metrics;
using AiTune.Services.Monitoring;

namespace AiTune.Cli.Commands;

/// <summary>
/// `aitune monitor`: a live view of the host, sampled every --interval from the collection `aitune metrics` makes.
/// On a terminal: the alternate screen, redrawn each interval, q or Ctrl-C to leave. --once: one frame (two samples an
/// interval apart, so the rates exist) on stdout. Stdout that is not a terminal, without --once: frames one after
/// another, each followed by a blank line, until interrupted (as vmstat 1 writes to a log).
/// </summary>
public static class MonitorCommand
{
    public const double MinimumIntervalSeconds = 0.1;
    public const double MaximumIntervalSeconds = 3600;

    /// <summary>How often the live view looks for a key press between samples.</summary>
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(50);

    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var interval = new Option<double>("--interval", "-n")
        {
            Description = "Seconds between samples (rates are over this interval); at least 0.1",
            DefaultValueFactory = _ => 1,
        };
        var once = new Option<bool>("--once") { Description = "Print one frame and exit (two samples --interval apart, for the rates), for scripts" };
        var profileFiles = ProfileCommand.ProfileFileOption();
        var stateDir = new Option<string?>("--state-dir") { Description = "Where the tuning journal lives (default /var/lib/aitune, inside --root when given)" };

        var command = new Command("monitor", "A live view of the host: pressure stalls, memory, huge pages per node, THP fallbacks, drift of the applied profile, accelerators")
        {
            options.Root, interval, once, profileFiles, stateDir,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            bool noColor = parse.GetValue(options.NoColor);
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), noColor).RequireText("monitor");
            double seconds = parse.GetValue(interval);
            if (!double.IsFinite(seconds) || seconds < MinimumIntervalSeconds || seconds > MaximumIntervalSeconds)
            {
                throw new AiTuneException($"--interval {seconds.ToString(CultureInfo.InvariantCulture)}: seconds between samples must be from {MinimumIntervalSeconds.ToString(CultureInfo.InvariantCulture)} to {MaximumIntervalSeconds.ToString(CultureInfo.InvariantCulture)}",
                    "give seconds, with a fraction if you like: --interval 0.5, --interval 5");
            }

            var request = MetricsRequest.Default with { Root = parse.GetValue(options.Root), ProfileFiles = parse.GetValue(profileFiles) ?? [], StateDirectory = parse.GetValue(stateDir) };
            var monitor = new HostMonitor(new HostMetrics(AiTuneCli.Version, TimeProvider.System), request, TimeProvider.System);
            var period = TimeSpan.FromSeconds(seconds);
            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
            try
            {
                if (parse.GetValue(once))
                {
                    Print(output, noColor, monitor.Once(period, stop.Token));
                }
                else if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
                {
                    Live(monitor, period, noColor, stop);
                }
                else
                {
                    Stream(output, noColor, monitor, period, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: the user asked to leave; the terminal is restored by then.
            }
            catch (IOException) when (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
            {
                // The reader of a pipe went away (monitor | head): nothing left to write to.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    private static void Print(TextWriter output, bool noColor, MonitorFrame frame)
    {
        var console = ConsoleFactory.Create(output, noColor);
        MonitorFrameRenderer.Write(console, frame, quitHint: false);
        console.Profile.Out.Writer.Flush();
    }

    private static void Stream(TextWriter output, bool noColor, HostMonitor monitor, TimeSpan period, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            long started = TimeProvider.System.GetTimestamp();
            Print(output, noColor, monitor.Next(stop));
            output.WriteLine();
            output.Flush();
            var left = period - TimeProvider.System.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                stop.WaitHandle.WaitOne(left);
            }
        }
    }

    private static void Live(HostMonitor monitor, TimeSpan period, bool noColor, CancellationTokenSource stop)
    {
        bool colour = !noColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        bool keys = !Console.IsInputRedirected;
        using var screen = new MonitorScreen(Console.Out, colour);
        while (!stop.IsCancellationRequested)
        {
            long started = TimeProvider.System.GetTimestamp();
            var frame = monitor.Next(stop.Token);
            var (width, height) = TerminalSize();
            screen.Draw(frame, width, height);
            while (!stop.IsCancellationRequested && TimeProvider.System.GetElapsedTime(started) < period)
            {
                if (keys && QuitPressed())
                {
                    stop.Cancel();
                    break;
                }

                stop.Token.WaitHandle.WaitOne(KeyPoll);
            }
        }
    }

    /// <summary>Reads the keys waiting; true when one of them is q (or Q).</summary>
    private static bool QuitPressed()
    {
        while (Console.KeyAvailable)
        {
            if (Console.ReadKey(intercept: true).Key == ConsoleKey.Q)
            {
                return true;
            }
        }

        return false;
    }

    private static (int Width, int Height) TerminalSize()
    {
        try
        {
            return (Math.Max(Console.WindowWidth > 0 ? Console.WindowWidth : 80, ConsoleFactory.MinimumWidth), Math.Max(Console.WindowHeight > 0 ? Console.WindowHeight : 24, 5));
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }
}
