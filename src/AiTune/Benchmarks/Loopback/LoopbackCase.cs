using System.Net;
using System.Net.Sockets;
using AiTune.Benchmarks.Threading;

namespace AiTune.Benchmarks.Loopback;

/// <summary>
/// What the loopback cases share: one connection made in <see cref="Prepare"/> (not timed), repetitions run as a
/// client thread and a server thread released together, and failures a person can act on: a socket error or a peer
/// that stops answering ends the case as skipped with the reason, Ctrl-C shuts the connection down at once.
/// </summary>
internal abstract class LoopbackCase : BenchmarkCase
{
    /// <summary>Long enough for any loaded host to move one message; short enough that a dead peer is noticed.</summary>
    internal static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(10);

    private readonly bool noDelay;

    protected LoopbackCase(LoopbackTransport transport, string kind, bool noDelay, string description, IReadOnlyList<MetricDefinition> metrics)
        : base(LoopbackSuite.Name, $"{(transport == LoopbackTransport.Tcp ? "tcp" : "unix")}/{kind}", description, metrics)
    {
        Transport = transport;
        this.noDelay = noDelay;
        Parameter("transport", transport == LoopbackTransport.Tcp ? "tcp" : "unix");
    }

    public LoopbackTransport Transport { get; }

    /// <summary>The connection once prepared; null before <see cref="Prepare"/> and after disposal.</summary>
    internal LoopbackConnection? Connection { get; private set; }

    public override void Prepare(CancellationToken cancellation)
    {
        try
        {
            Connection = LoopbackConnection.Open(Transport, noDelay, PeerTimeout);
        }
        catch (SocketException e)
        {
            throw new AiTuneException($"loopback/{Name}: cannot connect a {(Transport == LoopbackTransport.Tcp ? "TCP socket to 127.0.0.1" : "Unix-domain socket")}: {e.SocketErrorCode} ({e.Message})",
                Transport == LoopbackTransport.Tcp ? "the loopback interface may be down (ip link show lo) or ephemeral ports exhausted (ss -s)" : "check that TMPDIR is writable", e);
        }

        var client = Connection.Client;
        Note(Transport == LoopbackTransport.Tcp
            ? $"one TCP connection over {((IPEndPoint)Connection.ListenedOn).Address} (TCP_NODELAY {(noDelay ? "on" : "off")}); socket buffers left to the kernel (at connect: SO_SNDBUF {client.SendBufferSize} B, SO_RCVBUF {Connection.Server.ReceiveBufferSize} B); threads not pinned"
            : $"one AF_UNIX stream connection; socket buffers left to the kernel (SO_SNDBUF {client.SendBufferSize} B, SO_RCVBUF {Connection.Server.ReceiveBufferSize} B); threads not pinned");
    }

    /// <summary>Runs <paramref name="client"/> and <paramref name="server"/> on their own threads, released together;
    /// returns the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the release.</summary>
    protected long RunPeers(Action<Socket> client, Action<Socket> server, CancellationToken cancellation)
    {
        var connection = Connection ?? throw new InvalidOperationException($"{FullName}: measured before it was prepared");
        try
        {
            return WorkerThreads.Run(FullName, [() => client(connection.Client), () => server(connection.Server)], connection.Abort, cancellation);
        }
        catch (SocketException e)
        {
            throw connection.Failure(FullName, e);
        }
    }

    /// <summary>Receives exactly <paramref name="buffer"/>'s length; a peer that closes first is an error.</summary>
    protected void ReceiveExactly(Socket socket, Span<byte> buffer) => LoopbackConnection.ReceiveExactly(socket, buffer, FullName);

    /// <summary>Sends the whole of <paramref name="buffer"/>, however many send calls it takes.</summary>
    protected static void SendAll(Socket socket, ReadOnlySpan<byte> buffer) => LoopbackConnection.SendAll(socket, buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection?.Dispose();
            Connection = null;
        }

        base.Dispose(disposing);
    }
}
