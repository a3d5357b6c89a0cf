using AiTune.Benchmarks;
using AiTune.Tuning.Journal;

namespace AiTune.Services.Benchmarking;

/// <summary>A benchmark run on this host.</summary>
/// <param name="Suites">The suites, in the order they run.</param>
/// <param name="Arguments">The suite options as given, checked before anything runs.</param>
/// <param name="Database">--db: the result store; null for this user's default.</param>
/// <param name="Save">Store the run (unless it measured nothing); false for --no-save.</param>
/// <param name="State">Where aitune's journal says which profile is applied; null for the host's (/var/lib/aitune).</param>
public sealed record BenchRunRequest(IReadOnlyList<BenchmarkSuite> Suites, SuiteArguments Arguments, string? Database, bool Save, StateDirectory? State = null);
