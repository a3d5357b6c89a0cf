namespace AiTune.Benchmarks;

/// <summary>A benchmark session waiting to run, for whoever shows its progress: it calls back with every case before
/// the first one runs, and as each case advances (<see cref="BenchmarkSession.Run"/>).</summary>
public delegate BenchmarkRun SessionWork(Action<IReadOnlyList<BenchmarkCase>>? started, Action<CaseProgress>? progress);
