namespace AiTune.Tests.Metrics.Http;

/// <summary>A producer that counts its calls and, while the gate is shut, does not finish: the scrapes that
/// arrive meanwhile show whether they share one collection.</summary>
public sealed class GatedProducer
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Completes when the first call has started.</summary>
    public Task Started => firstCall.Task;

    public void Open() => gate.TrySetResult();

    public async Task<string> ProduceAsync(AiTune.Metrics.ExpositionFormat format, CancellationToken cancel)
    {
        int call = Interlocked.Increment(ref calls);
        firstCall.TrySetResult();
        await gate.Task.WaitAsync(cancel);
        return $"# TYPE test_calls gauge\ntest_calls {call}\n";
    }
}
