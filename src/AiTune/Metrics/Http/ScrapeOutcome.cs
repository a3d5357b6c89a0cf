namespace AiTune.Metrics.Http;

/// <summary>What a scrape got from the shared collection: the body, or why there is none.</summary>
public readonly record struct ScrapeOutcome(ScrapeStatus Status, string Body)
{
    public static ScrapeOutcome Produced(string body) => new(ScrapeStatus.Produced, body);

    public static ScrapeOutcome TimedOut { get; } = new(ScrapeStatus.TimedOut, "");

    public static ScrapeOutcome Failed { get; } = new(ScrapeStatus.Failed, "");
}
