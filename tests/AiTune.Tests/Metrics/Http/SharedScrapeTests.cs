using AiTune.Metrics;
using AiTune.Metrics.Http;

namespace AiTune.Tests.Metrics.Http;

public sealed class SharedScrapeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Concurrent_scrapes_of_one_format_share_one_collection_and_each_format_has_its_own()
    {
        var producer = new GatedProducer();
        var shared = new SharedScrape(producer.ProduceAsync, TimeSpan.Zero, _ => { }, CancellationToken.None);
        var text = Enumerable.Range(0, 20).Select(_ => shared.ScrapeAsync(ExpositionFormat.PrometheusText, Long, CancellationToken.None)).ToList();
        var openMetrics = shared.ScrapeAsync(ExpositionFormat.OpenMetrics, Long, CancellationToken.None);
        while (producer.Calls < 2)
        {
            await Task.Delay(10);
        }

        producer.Open();
        var outcomes = await Task.WhenAll(text);

        Assert.All(outcomes, o => Assert.Equal(outcomes[0], o));
        Assert.Equal(ScrapeStatus.Produced, outcomes[0].Status);
        Assert.Equal(ScrapeStatus.Produced, (await openMetrics).Status);
        Assert.Equal(2, producer.Calls);
    }

    [Fact]
    public async Task A_scrape_that_gives_up_leaves_the_collection_to_the_others()
    {
        var producer = new GatedProducer();
        var shared = new SharedScrape(producer.ProduceAsync, TimeSpan.Zero, _ => { }, CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var left = shared.ScrapeAsync(ExpositionFormat.PrometheusText, Long, leaving.Token);
        var stays = shared.ScrapeAsync(ExpositionFormat.PrometheusText, Long, CancellationToken.None);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        producer.Open();
        Assert.Equal(ScrapeStatus.Produced, (await stays).Status);
        Assert.Equal(1, producer.Calls);
    }

    [Fact]
    public async Task A_failed_collection_is_reported_once_and_not_cached()
    {
        int calls = 0;
        var failures = new List<Exception>();
        var shared = new SharedScrape((_, _) => Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("the producer's own timeout") : Task.FromResult("ok"),
            TimeSpan.FromHours(1), failures.Add, CancellationToken.None);

        // A producer's own TimeoutException is a failure, not the scrape's timeout.
        Assert.Equal(ScrapeStatus.Failed, (await shared.ScrapeAsync(ExpositionFormat.PrometheusText, Long, CancellationToken.None)).Status);
        Assert.Equal(ScrapeOutcome.Produced("ok"), await shared.ScrapeAsync(ExpositionFormat.PrometheusText, Long, CancellationToken.None));
        Assert.Single(failures);
    }
}
