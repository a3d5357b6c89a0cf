using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Snapshots;
using AiTune.Tests.Support;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;

namespace AiTune.Tests.Tuning.Transactions;

/// <summary>
/// A captured host made tunable in memory: a scratch copy of a fixture tree gives the facts (so plans are the
/// plans aitune makes for that machine), a <see cref="ScriptedKernelFiles"/> seeded from the same tree takes the
/// writes, and a scratch state directory holds the journal. Plans are made as the tuning session makes them (catalog, resolver,
/// planner) for a small profile named "test" given as TOML.
/// </summary>
internal sealed class ScriptedHost : IDisposable
{
    public const string ProfileName = "test";

    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-tuner-").FullName;
    private readonly Dictionary<string, string> seeded = new(StringComparer.Ordinal);

    public ScriptedHost(string fixture = "xeon-2numa-nvidia")
    {
        HostTreeCopy.CopyDirectory(FixturePaths.Host(fixture), Tree);
        State = new StateDirectory(Path.Join(scratch, "state"));
    }

    /// <summary>The host tree: the facts come from it, and it is the root persistence files would go under.</summary>
    public string Tree => Path.Join(scratch, "host");

    public StateDirectory State { get; }

    public ScriptedKernelFiles Kernel { get; } = new();

    /// <summary>Each knob file as the kernel showed it before any test wrote to it.</summary>
    public IReadOnlyDictionary<string, string> Seeded => seeded;

    /// <summary>The facts the last plan was made from.</summary>
    public HostFacts Facts { get; private set; } = null!;

    /// <summary>Plans the profile <c>name = "test"</c> with <paramref name="sections"/> (its knob tables) on the
    /// host as the kernel now shows it, and seeds the kernel with every file the plan names that it does not hold.</summary>
    public TuningPlan Plan(string sections, PlanOptions? options = null, ModelRequirement? model = null)
    {
        var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("test.toml", $"name = \"{ProfileName}\"\n{sections}")]);
        foreach (var (path, content) in Kernel.Contents)
        {
            File.WriteAllText(Path.Join(Tree, path), content + "\n");
        }

        var (root, source) = HostRootOpener.Open(Tree, "test");
        using (root)
        {
            var sysctls = catalog.All.SelectMany(p => p.Settings).Where(s => s.Knob.Kind == KnobKind.Sysctl).Select(s => s.Knob.Name).Distinct();
            Facts = HostInspector.Inspect(root, source, sysctls);
            var plan = Planner.Plan(Facts, ProfileResolver.Resolve(catalog.Select(ProfileName), Facts, model), model, options ?? new PlanOptions());
            foreach (var path in plan.Changes.Select(c => c.Path).OfType<string>().Where(p => !seeded.ContainsKey(p)))
            {
                var content = root.ReadText(path).Value.TrimEnd('\n');
                seeded[path] = content;
                Kernel.Seed(path, content);
            }

            return plan;
        }
    }

    /// <summary>Plans <paramref name="sections"/> on the host as it is now, then applies the plan with <paramref name="tuner"/>
    /// (a runtime-only apply), as the CLI does: the facts are read before the apply.</summary>
    public ApplyReport PlanAndApply(HostTuner tuner, string sections)
    {
        var plan = Plan(sections);
        return tuner.Apply(Facts, plan, Request());
    }

    /// <summary>A tuner as the engine's tuning session builds one (Services.Transactions.TuningSession.Open), on the scripted kernel.</summary>
    public HostTuner Tuner(CrashPoint? crash = null) => new(Kernel, Tree, State, crash ?? CrashPoint.None);

    /// <summary>A runtime-only apply (no --persist) by a named user.</summary>
    public static ApplyRequest Request(bool keepGoing = false) => new("tester", 0, "0.0-test", keepGoing, null);

    /// <summary>A tuner that throws <see cref="SimulatedCrashException"/> right after its <paramref name="step"/>th durable step.</summary>
    public HostTuner CrashingTuner(int step) =>
        Tuner(new CrashPoint(step, () => throw new SimulatedCrashException($"crashed after durable step {step}")));

    /// <summary>The standing journal's records; empty when there is none.</summary>
    public IReadOnlyList<JournalRecord> JournalRecords => State.OpenJournal()?.Records ?? [];

    public TransactionPhase Phase => JournalState.Of(JournalRecords).Phase;

    public bool HasStandingJournal => File.Exists(State.JournalPath);

    /// <summary>Finished journals, oldest first.</summary>
    public IReadOnlyList<string> History => Directory.Exists(State.HistoryPath) ? Directory.GetFiles(State.HistoryPath).Order(StringComparer.Ordinal).ToList() : [];

    public static IReadOnlyList<JournalRecord> Archived(string path) => JournalFile.Open(path)!.Records;

    /// <summary>The writes made since <paramref name="from"/> (an index into the write log), as "path=value".</summary>
    public IReadOnlyList<string> WritesFrom(int from) => Kernel.Writes.Skip(from).Select(w => $"{w.Path}={w.Value}").ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
