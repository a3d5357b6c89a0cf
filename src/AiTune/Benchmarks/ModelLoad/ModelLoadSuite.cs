namespace AiTune.Benchmarks.ModelLoad;

public static class ModelLoadSuite
{
    public static BenchmarkSuite Suite { get; } = new("model-load", "load every tensor of a model file into memory: read, mmap, O_DIRECT, parallel",
        "placeholder", _ => []);
}
