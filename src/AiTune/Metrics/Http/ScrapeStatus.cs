namespace AiTune.Metrics.Http;

public enum ScrapeStatus
{
    /// <summary>The collection finished and produced the body.</summary>
    Produced,

    /// <summary>The collection did not finish within the scrape's timeout; it goes on, and a later scrape shares it.</summary>
    TimedOut,

    /// <summary>The collection threw; the server's log says what.</summary>
    Failed,
}
