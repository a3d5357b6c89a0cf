using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiTune.Text;

namespace AiTune.Metrics.Http;

/// <summary>
/// The HTTP/1.1 endpoint of <c>aitune serve</c>: <c>/metrics</c>, <c>/</c> and <c>/healthz</c>, GET and HEAD, on a
/// plain socket. Not HttpListener or ASP.NET: they add 4.9 MB or more to the binary, and the endpoint needs one
/// request per connection, a few routes and strict bounds, which fit in a few hundred lines (see the limits in
/// <see cref="MetricsServerLimits"/>). Each connection is served on its own task, so a slow or hostile client holds
/// its own slot and nothing else.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private const string AllowedMethods = "GET, HEAD";

    private readonly Socket listener;
    private readonly MetricsServerLimits limits;
    private readonly SharedScrape collection;
    private readonly TextWriter log;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim connections;
    private readonly Task acceptLoop;
    private int stopped;

    private MetricsServer(Socket listener, MetricsServerLimits limits, Func<ExpositionFormat, CancellationToken, Task<string>> produce, TextWriter log, TimeProvider time)
    {
        this.listener = listener;
        this.limits = limits;
        this.log = log;
        this.time = time;
        connections = new SemaphoreSlim(limits.MaxConnections, limits.MaxConnections);
        collection = new SharedScrape(produce, limits.CacheDuration, Failed, stopping.Token, time);
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The address it listens on (with the port the system chose, when asked for port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Scrapes waiting on a collection now.</summary>
    internal int ScrapesWaiting => collection.Waiting;

    /// <summary>The URL of its metrics.</summary>
    public Uri MetricsUrl => new($"http://{ListenAddress.Format(LocalEndPoint)}/metrics");

    /// <summary>Binds <paramref name="endpoint"/> and starts serving.</summary>
    /// <param name="produce">Writes the exposition in the format asked for; called by one scrape at a time per
    /// format (see <see cref="SharedScrape"/>); what it throws answers 500 and is logged.</param>
    /// <param name="log">One line for each collection that fails and each connection the server could not serve.</param>
    /// <exception cref="AiTuneException">The address is in use, not this host's, or needs privileges.</exception>
    public static MetricsServer Start(IPEndPoint endpoint, MetricsServerLimits limits, Func<ExpositionFormat, CancellationToken, Task<string>> produce, TextWriter log, TimeProvider? time = null)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // [::] means IPv6 only, as written; dual stack would quietly widen it to every IPv4 address.
                listener.DualMode = false;
            }

            listener.Bind(endpoint);
            listener.Listen(128);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw BindFailure(endpoint, e);
        }

        return new MetricsServer(listener, limits, produce, TextWriter.Synchronized(log), time ?? TimeProvider.System);
    }

    /// <summary>Stops accepting, ends the connections under way (their scrapes are not waited for) and waits for
    /// them to close.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        await acceptLoop.ConfigureAwait(false);
        // Every connection releases its slot when it ends; holding them all means none is left.
        for (int i = 0; i < limits.MaxConnections; i++)
        {
            await connections.WaitAsync().ConfigureAwait(false);
        }

        connections.Dispose();
        stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static AiTuneException BindFailure(IPEndPoint endpoint, SocketException e)
    {
        var address = ListenAddress.Format(endpoint);
        return e.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => new AiTuneException(
                $"cannot listen on {address}: the address is already in use",
                "another aitune serve or exporter listens there: stop it, or choose another port with --listen"),
            SocketError.AddressNotAvailable => new AiTuneException(
                $"cannot listen on {address}: the address is not one of this host's",
                "give an address of one of this host's interfaces (ip -brief address), or 127.0.0.1"),
            SocketError.AccessDenied => new AiTuneException(
                $"cannot listen on {address}: permission denied",
                "ports below 1024 need privileges; use a higher port such as 9479"),
            _ => new AiTuneException(
                $"cannot listen on {address}: {e.SocketErrorCode}",
                "check the address given with --listen"),
        };
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors or memory: say so, let connections end, and accept again.
                log.WriteLine($"serve: accepting a connection failed ({e.SocketErrorCode}); retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            if (!connections.Wait(0))
            {
                Refuse(client);
                continue;
            }

            _ = Task.Run(() => ServeConnectionAsync(client), CancellationToken.None);
        }
    }

    /// <summary>A connection past the limit gets its 503 at once: the reply fits the new socket's empty send buffer,
    /// so this neither blocks the accept loop nor waits on the client.</summary>
    private void Refuse(Socket client)
    {
        using (client)
        {
            try
            {
                client.Blocking = false;
                client.Send(HttpResponse.PlainText(503, $"too many connections (more than {limits.MaxConnections}); retry").Serialize(true, time.GetUtcNow()));
                client.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // The client is gone or its buffer is full: closing is all that is left.
            }
        }
    }

    private async Task ServeConnectionAsync(Socket client)
    {
        try
        {
            using (client)
            {
                client.NoDelay = true;
                HeadRead read;
                using (var headerDeadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token))
                {
                    headerDeadline.CancelAfter(limits.HeaderTimeout);
                    read = await HttpRequestReader.ReadAsync(client, limits, headerDeadline.Token, stopping.Token).ConfigureAwait(false);
                }

                var response = read.Rejection;
                bool withBody = true;
                if (read.Head is { } head)
                {
                    withBody = head.Method != "HEAD";
                    response = await RespondAsync(head).ConfigureAwait(false);
                }

                if (response is not null)
                {
                    await SendAsync(client, response.Serialize(withBody, time.GetUtcNow())).ConfigureAwait(false);
                    await CloseGracefullyAsync(client).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left, was too slow to read its answer, or the server is stopping.
        }
        catch (Exception e)
        {
            log.WriteLine($"serve: a connection failed: {e.GetType().Name}: {DisplayText.Excerpt(e.Message)}");
        }
        finally
        {
            connections.Release();
        }
    }

    private async Task<HttpResponse?> RespondAsync(HttpRequestHead head)
    {
        if (head.Method is not ("GET" or "HEAD"))
        {
            return HttpResponse.PlainText(405, $"the method {head.Method} is not allowed: this endpoint is read-only, use GET or HEAD")
                .WithHeader("Allow", AllowedMethods);
        }

        return RequestPath.Decode(head.Target) switch
        {
            null => HttpResponse.PlainText(400, "a malformed or refused path (percent-encoding, '.' or '..' segments)"),
            "/metrics" => await ScrapeAsync(head).ConfigureAwait(false),
            "/" => new HttpResponse(200, "text/html; charset=utf-8", IndexPage, [new("Content-Security-Policy", "default-src 'none'")]),
            "/healthz" => HttpResponse.PlainText(200, "ok"),
            _ => HttpResponse.PlainText(404, "not found: this endpoint serves /metrics, /healthz and /"),
        };
    }

    private async Task<HttpResponse?> ScrapeAsync(HttpRequestHead head)
    {
        var format = ScrapeNegotiation.Choose(head.Header("Accept"));
        var timeout = ScrapeTimeout(head.Header("X-Prometheus-Scrape-Timeout-Seconds"));
        ScrapeOutcome outcome;
        try
        {
            outcome = await collection.ScrapeAsync(format, timeout, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return outcome.Status switch
        {
            ScrapeStatus.Produced => new HttpResponse(200, ExpositionWriter.ContentType(format), outcome.Body, []),
            ScrapeStatus.TimedOut => HttpResponse.PlainText(503,
                $"the collection did not finish within the scrape timeout ({timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s); it goes on, and a later scrape gets its result"),
            _ => HttpResponse.PlainText(500, "the collection failed; the server's log (stderr) says why"),
        };
    }

    /// <summary>The configured timeout, shortened to what the scraper says it waits (less half a second for the
    /// answer to travel), so it reads the 503 rather than giving up first.</summary>
    private TimeSpan ScrapeTimeout(string? scraperSeconds)
    {
        if (double.TryParse(scraperSeconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && double.IsFinite(seconds))
        {
            var scraper = TimeSpan.FromSeconds(Math.Max(0.1, seconds - 0.5));
            return scraper < limits.ScrapeTimeout ? scraper : limits.ScrapeTimeout;
        }

        return limits.ScrapeTimeout;
    }

    private async Task SendAsync(Socket client, byte[] bytes)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        deadline.CancelAfter(limits.WriteTimeout);
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await client.SendAsync(bytes.AsMemory(sent), SocketFlags.None, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends FIN, then reads (and drops) what the client still sends, briefly, before closing: closing
    /// with unread bytes (a POST's body, a request cut short by a 4xx) makes the kernel send RST, and the client
    /// may lose the answer it has not read yet.</summary>
    private async Task CloseGracefullyAsync(Socket client)
    {
        client.Shutdown(SocketShutdown.Send);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(1));
        var sink = new byte[4096];
        for (int drained = 0; drained < 64 * 1024;)
        {
            int received = await client.ReceiveAsync(sink, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            if (received == 0)
            {
                return;
            }

            drained += received;
        }
    }

    private void Failed(Exception e) =>
        log.WriteLine($"serve: the collection failed: {e.GetType().Name}: {DisplayText.Excerpt(e.Message)}");

    private const string IndexPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>aitune</title></head>
        <body>
        <h1>aitune</h1>
        <p>AI-host readiness and drift metrics for Prometheus: <a href="/metrics">/metrics</a> (liveness: <a href="/healthz">/healthz</a>).</p>
        </body>
        </html>

        """;
}
