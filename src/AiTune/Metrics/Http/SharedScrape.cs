namespace AiTune.Metrics.Http;

/// <summary>
/// One collection per format at a time, shared by every scrape that arrives while it runs (no thundering herd when
/// several Prometheus servers, or a retrying one, scrape together), and served again for the cache duration. A
/// scrape waits at most its timeout; a collection that outlives it goes on (it is never started a second time
/// while it runs) and a later scrape gets its result.
/// </summary>
public sealed class SharedScrape
{
    private readonly Func<ExpositionFormat, CancellationToken, Task<string>> produce;
    private readonly TimeSpan cacheDuration;
    private readonly TimeProvider time;
    private readonly Action<Exception> failed;
    private readonly CancellationToken stopping;
    private readonly Lock gate = new();
    private readonly Slot[] slots = [new(), new()];
    private int waiting;

    /// <param name="produce">Collects and writes the exposition in the format asked for; its token is cancelled
    /// when the server stops (not when one scrape gives up: the others still wait on it).</param>
    /// <param name="failed">Told of each collection that throws, once (not once per scrape that waited on it).</param>
    /// <param name="stopping">The server's lifetime.</param>
    public SharedScrape(Func<ExpositionFormat, CancellationToken, Task<string>> produce, TimeSpan cacheDuration, Action<Exception> failed, CancellationToken stopping, TimeProvider? time = null)
    {
        this.produce = produce;
        this.cacheDuration = cacheDuration;
        this.failed = failed;
        this.stopping = stopping;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Scrapes waiting on a collection now (for tests: they show when every scrape has joined one).</summary>
    internal int Waiting => Volatile.Read(ref waiting);

    /// <summary>The body of a collection in <paramref name="format"/>: the cached one while fresh, the one under way,
    /// or a new one.</summary>
    /// <param name="cancel">The scrape's own end (client gone, server stopping): stops the waiting, not the collection.</param>
    public async Task<ScrapeOutcome> ScrapeAsync(ExpositionFormat format, TimeSpan timeout, CancellationToken cancel)
    {
        var slot = slots[(int)format];
        Task<string> collection;
        lock (gate)
        {
            if (slot.Cached is { } cached && time.GetElapsedTime(cached.FinishedAt) < cacheDuration)
            {
                return ScrapeOutcome.Produced(cached.Body);
            }

            // Started on the thread pool: its completion takes the lock, so it cannot clear the slot before the slot
            // holds it, and a producer that blocks does not block this lock.
            collection = slot.InFlight ??= Task.Run(() => CollectAsync(format, slot), CancellationToken.None);
        }

        Interlocked.Increment(ref waiting);
        try
        {
            return ScrapeOutcome.Produced(await collection.WaitAsync(timeout, time, cancel).ConfigureAwait(false));
        }
        catch (TimeoutException) when (!collection.IsCompleted)
        {
            return ScrapeOutcome.TimedOut;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (collection.IsFaulted || collection.IsCanceled)
        {
            return ScrapeOutcome.Failed;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private async Task<string> CollectAsync(ExpositionFormat format, Slot slot)
    {
        try
        {
            var body = await produce(format, stopping).ConfigureAwait(false);
            lock (gate)
            {
                slot.Cached = new CachedBody(body, time.GetTimestamp());
                slot.InFlight = null;
            }

            return body;
        }
        catch (Exception e)
        {
            lock (gate)
            {
                slot.InFlight = null;
            }

            failed(e);
            throw;
        }
    }

    private sealed class Slot
    {
        public Task<string>? InFlight { get; set; }

        public CachedBody? Cached { get; set; }
    }

    private sealed record CachedBody(string Body, long FinishedAt);
}
