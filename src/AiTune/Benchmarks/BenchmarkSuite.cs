namespace AiTune.Benchmarks;

/// <summary>A family of cases measuring one part of the host.</summary>
/// <param name="Name">As typed on the command line ("model-load", "memory").</param>
/// <param name="Summary">One line for lists and --help.</param>
/// <param name="Method">What it measures and how, in a paragraph: shown by --help and in docs/bench.md.</param>
/// <param name="CreateCases">The cases for these options. Cheap: nothing is prepared until the runner runs a case.</param>
public sealed record BenchmarkSuite(string Name, string Summary, string Method, Func<SuiteOptions, IReadOnlyList<BenchmarkCase>> CreateCases);
