using AiTune.Benchmarks;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// Progress bars on stderr while suites run: one bar per case (samples against the maximum, or the time budget,
/// whichever ends first), with the runner's estimate of the time left. Only on a terminal: pipes and CI logs get
/// the results, not the animation.
/// </summary>
public static class BenchProgressDisplay
{
    public static bool Available => !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Runs a measuring session under progress bars on a terminal, or plainly: what the engine's
    /// benchmark services are handed to show a session with.</summary>
    public static BenchmarkRun Session(bool noColor, SessionWork work) =>
        Available ? Run(noColor, (started, progress) => work(started, progress)) : work(null, null);

    /// <summary>Runs <paramref name="work"/> under a live progress display; <paramref name="work"/> gets the callbacks to
    /// report with.</summary>
    public static T Run<T>(bool noColor, Func<Action<IReadOnlyList<BenchmarkCase>>, Action<CaseProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = noColor || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Error),
        });
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = work(
                    cases =>
                    {
                        foreach (var benchmarkCase in cases)
                        {
                            tasks[benchmarkCase.FullName] = context.AddTask(Markup.Escape(benchmarkCase.FullName), autoStart: false, maxValue: 1);
                        }
                    },
                    progress =>
                    {
                        var task = tasks[progress.Case];
                        if (!task.IsStarted)
                        {
                            task.StartTask();
                        }

                        double total = progress.Elapsed.TotalSeconds + progress.EstimatedRemaining.TotalSeconds;
                        task.Value = progress.Done ? 1 : total > 0 ? progress.Elapsed.TotalSeconds / total : 0;
                        task.Description = Markup.Escape(progress.Done
                            ? $"{progress.Case}: {progress.Samples} samples"
                            : $"{progress.Case}: {progress.Samples} samples, ~{progress.EstimatedRemaining.TotalSeconds:0} s left");
                        if (progress.Done)
                        {
                            task.StopTask();
                        }
                    });
            });
        return result;
    }
}
