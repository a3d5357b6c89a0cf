namespace AiTune.Benchmarks.Loopback;

/// <summary>The local path a model server's clients take: TCP to 127.0.0.1, or a Unix-domain stream socket.</summary>
public enum LoopbackTransport
{
    /// <summary>TCP over the loopback interface, 127.0.0.1 (netperf TCP_STREAM and TCP_RR).</summary>
    Tcp,

    /// <summary>An AF_UNIX stream socket (netperf STREAM_STREAM and STREAM_RR).</summary>
    Unix,
}
