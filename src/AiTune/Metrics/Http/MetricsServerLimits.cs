namespace AiTune.Metrics.Http;

/// <summary>What the server grants one client and all of them; each bound keeps a slow or hostile client from
/// holding memory, a connection slot or the scrape longer than this.</summary>
public sealed record MetricsServerLimits
{
    /// <summary>Longest request line (method, target, version): a scrape's is under 40 bytes. Longer: 414.</summary>
    public int MaxRequestLineBytes { get; init; } = 2048;

    /// <summary>Request line and headers together: Prometheus sends about 300 bytes, a browser with cookies of
    /// other local services a few KiB; 16 KiB as Node.js allows. Longer: 431.</summary>
    public int MaxHeadBytes { get; init; } = 16 * 1024;

    /// <summary>As Kestrel's default. More: 431.</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Time from the connection to the end of the headers; a client slower than this (slowloris) gets 408
    /// and is closed. Prometheus sends its whole request at once.</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time to hand the response to a client that reads it slowly, after which it is dropped.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections served at once; one past this gets 503 at once instead of waiting. Each holds at most
    /// one head buffer (<see cref="MaxHeadBytes"/>) and lives at most the header, scrape and write timeouts.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>The longest a scrape waits for the collection: under Prometheus' default scrape_timeout (10 s), so
    /// Prometheus reads the 503 that says why rather than timing out itself. A scraper's
    /// X-Prometheus-Scrape-Timeout-Seconds shortens it.</summary>
    public TimeSpan ScrapeTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a collection waits for its collectors (<see cref="CollectorTimeLimit"/>): three quarters of
    /// the scrape timeout, so a scrape held up by one slow collector still answers, in time, with the others and
    /// that collector's failure, leaving the rest for the exposition and the network.</summary>
    public TimeSpan CollectorBudget => ScrapeTimeout * 0.75;

    /// <summary>How long a finished collection is served again; zero: every scrape that starts after the last
    /// collection finished collects anew (scrapes that overlap one still share it).</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.Zero;
}
