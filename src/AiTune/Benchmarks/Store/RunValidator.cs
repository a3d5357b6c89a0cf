using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiTune.Text;

namespace AiTune.Benchmarks.Store;

/// <summary>
/// What a stored run must be, checked before a run is saved, after it is loaded and on every run imported: the
/// same gate for the runner's own runs and for a file from another machine. Every string is bounded and free of
/// control, format and separator characters (no value can start a new line in a table or a report, or reorder
/// text on a terminal); every sample is a positive finite number; names are unique where compare keys on them;
/// the outcome and the samples agree. Deserialised data is checked for nulls whatever the annotations say.
/// </summary>
public static partial class RunValidator
{
    public const int MaxLabelLength = 128;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4096;
    public const int MaxSuites = 64;
    public const int MaxCases = 10_000;
    public const int MaxMetricsPerCase = 1_000;
    public const int MaxNotesPerCase = 100;
    public const int MaxSamplesPerMetric = 1_000_000;
    public const int MaxParametersPerCase = 64;

    /// <summary>Refuses a label a run cannot be stored with; for the command line to check --label before
    /// measuring for minutes.</summary>
    public static void CheckLabel(string? label)
    {
        if (label is not null && Problem(label, MaxLabelLength, allowEmpty: false) is { } problem)
        {
            throw new AiTuneException($"the label {Show(label)} {problem}", $"choose a label of at most {MaxLabelLength} printable characters");
        }
    }

    /// <summary>Throws <see cref="AiTuneException"/> naming <paramref name="context"/> ("run 3 of runs.json") and
    /// the offending field, with <paramref name="hint"/>.</summary>
    public static void Check(BenchmarkRun? run, string context, string hint)
    {
        try
        {
            CheckRun(run);
        }
        catch (InvalidRun e)
        {
            throw new AiTuneException($"{context}: {e.Message}", hint);
        }
    }

    private static void CheckRun(BenchmarkRun? run)
    {
        if (run is null)
        {
            throw new InvalidRun("the run is null");
        }

        if (run.Id < 0)
        {
            throw new InvalidRun($"the id {run.Id} is negative");
        }

        if (run.Label is not null)
        {
            Text(run.Label, "the label", MaxLabelLength, allowEmpty: false);
        }

        if (run.Uid is not null && !Guid.TryParseExact(run.Uid, "D", out _))
        {
            throw new InvalidRun($"the uid {Show(run.Uid)} is not a UUID (8-4-4-4-12 hexadecimal digits)");
        }

        if (run.Load is { } load)
        {
            CheckLoad(load);
        }

        if (run.FinishedAt < run.StartedAt)
        {
            throw new InvalidRun($"it finished ({Format(run.FinishedAt)}) before it started ({Format(run.StartedAt)})");
        }

        var suites = Required(run.Suites, "suites");
        if (suites.Count is 0 or > MaxSuites)
        {
            throw new InvalidRun($"it names {suites.Count} suites, not 1 to {MaxSuites}");
        }

        foreach (var suite in suites)
        {
            if (suite is null || !SuiteName().IsMatch(suite))
            {
                throw new InvalidRun($"the suite name {Show(suite)} is not lower-case letters, digits and '-'");
            }
        }

        if (suites.Distinct(StringComparer.Ordinal).Count() != suites.Count)
        {
            throw new InvalidRun("a suite is named twice");
        }

        CheckSettings(Required(run.Settings, "settings"));
        CheckEnvironment(Required(run.Environment, "environment"));
        var cases = Required(run.Cases, "cases");
        if (cases.Count > MaxCases)
        {
            throw new InvalidRun($"it holds {cases.Count} cases, more than {MaxCases}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cases.Count; i++)
        {
            var benchmarkCase = cases[i] ?? throw new InvalidRun($"case {i + 1} is null");
            CheckCase(benchmarkCase, i, suites);
            if (!names.Add(benchmarkCase.FullName))
            {
                throw new InvalidRun($"the case {benchmarkCase.FullName} appears twice");
            }
        }
    }

    private static void CheckSettings(RunSettingsRecord settings)
    {
        if (settings.WarmupCount is < 0 or > 10_000)
        {
            throw new InvalidRun($"settings: the warm-up count {settings.WarmupCount} is not between 0 and 10000");
        }

        if (settings.MinimumCount < 1 || settings.MaximumCount < settings.MinimumCount || settings.MaximumCount > MaxSamplesPerMetric)
        {
            throw new InvalidRun($"settings: the repetition counts {settings.MinimumCount} to {settings.MaximumCount} are not 1 ≤ minimum ≤ maximum ≤ {MaxSamplesPerMetric}");
        }

        if (!(settings.TargetRelativeHalfWidth > 0 && settings.TargetRelativeHalfWidth < 1))
        {
            throw new InvalidRun($"settings: the target half-width {Show(settings.TargetRelativeHalfWidth)} is not between 0 and 1");
        }

        if (!(double.IsFinite(settings.CaseBudgetSeconds) && settings.CaseBudgetSeconds > 0))
        {
            throw new InvalidRun($"settings: the case budget {Show(settings.CaseBudgetSeconds)} s is not a positive number");
        }
    }

    private static void CheckLoad(Load.RunLoad load)
    {
        double[] shares = [load.OtherCpuShare, load.PeakOtherCpuShare, load.StealShare, load.OwnCpuShare];
        if (shares.Any(s => !(s >= 0 && s <= 1)))
        {
            throw new InvalidRun("load: a CPU share is not between 0 and 1");
        }

        Optional(load.PeakCases, "load.peakCases", MaxTextLength);
        foreach (var stall in new[] { load.CpuPressure, load.MemoryPressure, load.IoPressure })
        {
            if (stall is not null && (!(stall.Some >= 0 && stall.Some <= 100) || stall.Full is { } full && !(full >= 0 && full <= 100)))
            {
                throw new InvalidRun("load: a pressure share is not between 0 and 100 %");
            }
        }

        if (load.LoadAverage is { } average && !(double.IsFinite(average) && average >= 0))
        {
            throw new InvalidRun($"load.loadAverage: {Show(average)} is not a load average");
        }
    }

    private static void CheckEnvironment(RunEnvironment environment)
    {
        Text(Required(environment.Hostname, "environment.hostname"), "environment.hostname", 255, allowEmpty: false);
        Optional(environment.Kernel, "environment.kernel", MaxNameLength);
        Optional(environment.Flavor, "environment.flavor", MaxNameLength);
        Optional(environment.Cmdline, "environment.cmdline", MaxTextLength);
        Optional(environment.Preemption, "environment.preemption", MaxNameLength);
        Optional(environment.CpuModel, "environment.cpuModel", MaxNameLength);
        Optional(environment.Virtualization, "environment.virtualization", MaxNameLength);
        Optional(environment.Thp, "environment.thp", MaxNameLength);
        Optional(environment.Governor, "environment.governor", MaxNameLength);
        Optional(environment.Clocksource, "environment.clocksource", MaxNameLength);
        Optional(environment.KernelConfigHash, "environment.kernelConfigHash", MaxNameLength);
        Optional(environment.AppliedProfile, "environment.appliedProfile", MaxNameLength);
        Text(Required(environment.ToolVersion, "environment.toolVersion"), "environment.toolVersion", MaxNameLength, allowEmpty: false);
        Text(Required(environment.Runtime, "environment.runtime"), "environment.runtime", MaxNameLength, allowEmpty: false);
        Text(Required(environment.Architecture, "environment.architecture"), "environment.architecture", MaxNameLength, allowEmpty: false);
        if (environment.LogicalCpus is < 1 || environment.MemoryBytes is < 0 || environment.NumaNodes is < 0 || environment.Gpus is < 0)
        {
            throw new InvalidRun("environment: a CPU, memory, NUMA node or GPU count is negative (or no CPU at all)");
        }

        if (environment.VectorBits is { } bits && bits is not (64 or 128 or 256 or 512))
        {
            throw new InvalidRun($"environment.vectorBits: {bits} is not a vector width (64, 128, 256 or 512)");
        }
    }

    private static void CheckCase(CaseResult benchmarkCase, int index, IReadOnlyList<string> suites)
    {
        var where = $"case {index + 1}";
        Text(Required(benchmarkCase.Suite, where + ".suite"), where + ".suite", MaxNameLength, allowEmpty: false);
        Text(Required(benchmarkCase.Name, where + ".name"), where + ".name", MaxNameLength, allowEmpty: false);
        where = "case " + DisplayText.Escape(benchmarkCase.FullName);
        if (!suites.Contains(benchmarkCase.Suite))
        {
            throw new InvalidRun($"{where} belongs to a suite the run does not name");
        }

        Text(Required(benchmarkCase.Description, where + ": description"), where + ": description", MaxTextLength, allowEmpty: true);
        if (!Enum.IsDefined(benchmarkCase.Outcome))
        {
            throw new InvalidRun($"{where}: the outcome {(int)benchmarkCase.Outcome} is not one aitune knows");
        }

        Optional(benchmarkCase.Reason, where + ": reason", MaxTextLength);
        if (benchmarkCase.WarmupCount is < 0 or > 10_000)
        {
            throw new InvalidRun($"{where}: the warm-up count {benchmarkCase.WarmupCount} is not between 0 and 10000");
        }

        if (!(double.IsFinite(benchmarkCase.ElapsedSeconds) && benchmarkCase.ElapsedSeconds >= 0))
        {
            throw new InvalidRun($"{where}: the elapsed time {Show(benchmarkCase.ElapsedSeconds)} s is not a number of seconds");
        }

        var notes = Required(benchmarkCase.Notes, where + ": notes");
        if (notes.Count > MaxNotesPerCase)
        {
            throw new InvalidRun($"{where} has {notes.Count} notes, more than {MaxNotesPerCase}");
        }

        foreach (var note in notes)
        {
            Text(Required(note, where + ": note"), where + ": a note", MaxTextLength, allowEmpty: false);
        }

        if (benchmarkCase.Parameters is { } parameters)
        {
            if (parameters.Count > MaxParametersPerCase)
            {
                throw new InvalidRun($"{where} has {parameters.Count} parameters, more than {MaxParametersPerCase}");
            }

            foreach (var (name, value) in parameters)
            {
                Text(Required(name, where + ": parameter name"), where + ": a parameter name", MaxNameLength, allowEmpty: false);
                Text(Required(value, where + ": parameter " + DisplayText.Escape(name)), where + ": parameter " + DisplayText.Escape(name), MaxTextLength, allowEmpty: true);
            }
        }

        var metrics = Required(benchmarkCase.Metrics, where + ": metrics");
        if (metrics.Count is 0 or > MaxMetricsPerCase)
        {
            throw new InvalidRun($"{where} has {metrics.Count} metrics, not 1 to {MaxMetricsPerCase}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int? sampleCount = null;
        foreach (var metric in metrics)
        {
            CheckMetric(metric ?? throw new InvalidRun($"{where}: a metric is null"), where);
            if (!names.Add(metric.Name))
            {
                throw new InvalidRun($"{where}: the metric {DisplayText.Escape(metric.Name)} appears twice");
            }

            if (sampleCount is { } count && count != metric.Samples.Count)
            {
                throw new InvalidRun($"{where}: its metrics have different numbers of samples (each repetition measures every metric once)");
            }

            sampleCount = metric.Samples.Count;
        }

        CheckOutcome(benchmarkCase, where, sampleCount!.Value);
    }

    private static void CheckOutcome(CaseResult benchmarkCase, string where, int samples)
    {
        if (benchmarkCase.Outcome == CaseOutcome.Skipped && (samples != 0 || benchmarkCase.Reason is null))
        {
            throw new InvalidRun($"{where} is skipped, yet has samples or no reason");
        }

        if (samples == 0 && benchmarkCase.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached or CaseOutcome.BudgetReached)
        {
            throw new InvalidRun($"{where} ran to its end ({benchmarkCase.Outcome}), yet has no samples");
        }
    }

    private static void CheckMetric(MetricResult metric, string where)
    {
        Text(Required(metric.Name, where + ": metric name"), where + ": metric name", MaxNameLength, allowEmpty: false);
        where = $"{where}/{DisplayText.Escape(metric.Name)}";
        Text(Required(metric.Unit, where + ": unit"), where + ": unit", 32, allowEmpty: true);
        if (!Enum.IsDefined(metric.Direction))
        {
            throw new InvalidRun($"{where}: the direction {(int)metric.Direction} is not one aitune knows");
        }

        var samples = Required(metric.Samples, where + ": samples");
        if (samples.Count > MaxSamplesPerMetric)
        {
            throw new InvalidRun($"{where} has {samples.Count} samples, more than {MaxSamplesPerMetric}");
        }

        for (int i = 0; i < samples.Count; i++)
        {
            if (!(double.IsFinite(samples[i]) && samples[i] > 0))
            {
                throw new InvalidRun($"{where}: sample {i + 1} is {Show(samples[i])}, not a positive number");
            }
        }
    }

    private static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new InvalidRun($"{field} is missing (null)");

    private static void Optional(string? text, string field, int maxLength)
    {
        if (text is not null)
        {
            Text(text, field, maxLength, allowEmpty: true);
        }
    }

    private static void Text(string text, string field, int maxLength, bool allowEmpty)
    {
        var problem = Problem(text, maxLength, allowEmpty);
        if (problem is not null)
        {
            throw new InvalidRun($"{field} {problem}");
        }
    }

    private static string? Problem(string text, int maxLength, bool allowEmpty)
    {
        if (text.Length == 0)
        {
            return allowEmpty ? null : "is empty";
        }

        if (text.Length > maxLength)
        {
            return $"is {text.Length} characters long, more than {maxLength}";
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return "begins or ends with white space";
        }

        for (int i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                return $"holds a broken UTF-16 surrogate at character {i + 1}";
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"holds the control or format character U+{rune.Value:X4} at character {i + 1}";
            }

            i += used;
        }

        return null;
    }

    private static string Show(string? text) => text is null ? "null" : "'" + DisplayText.Escape(DisplayText.Cut(text, 40)) + "'";

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SuiteName();

    /// <summary>A failed check deep in the run, turned into one <see cref="AiTuneException"/> with the caller's
    /// context and hint.</summary>
    private sealed class InvalidRun(string message) : Exception(message);
}
