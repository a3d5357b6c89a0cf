namespace AiTune.Metrics.Http;

/// <summary>The outcome of reading a request's head: the head, an error to answer with, or nothing to answer (the
/// client left, or the server is stopping).</summary>
public sealed record HeadRead(HttpRequestHead? Head, HttpResponse? Rejection)
{
    public static HeadRead Gone { get; } = new(null, null);

    public static HeadRead Reject(int status, string reason) => new(null, HttpResponse.PlainText(status, reason));
}
