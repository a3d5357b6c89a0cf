using System.Net.Sockets;
using AiTune.Benchmarks.Loopback;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// Small request/response over one loopback connection (the loopback suite's connection and message size), with
/// both ends on one CPU: the kernel's socket path of a local API call, send to wake-up to receive, without the
/// inter-processor interrupt a second CPU would add. The loopback suite's tcp/rr and unix/rr measure the same
/// exchange with the threads where the scheduler puts them, and report percentiles.
/// </summary>
public sealed class SocketRoundTripCase : KernelPathCase
{
    private readonly byte[] request = new byte[RequestResponseCase.MessageBytes];
    private readonly byte[] response = new byte[RequestResponseCase.MessageBytes];
    private readonly byte[] echo = new byte[RequestResponseCase.MessageBytes];
    private LoopbackConnection? connection;
    private int cpu;

    public SocketRoundTripCase(LoopbackTransport transport, int operations)
        : base(transport == LoopbackTransport.Tcp ? "tcp-rr" : "unix-rr",
            $"{operations:N0} round trips of a {RequestResponseCase.MessageBytes}-byte request and response over {(transport == LoopbackTransport.Tcp ? "TCP on 127.0.0.1 (TCP_NODELAY)" : "an AF_UNIX stream socket")}, both threads on one CPU; ns per round trip",
            "ns/op", operations)
    {
        Transport = transport;
        Parameter("transport", transport == LoopbackTransport.Tcp ? "tcp" : "unix");
        Parameter("message-bytes", RequestResponseCase.MessageBytes);
        Parameter("placement", "same-cpu");
    }

    public LoopbackTransport Transport { get; }

    public override void Prepare(CancellationToken cancellation)
    {
        cpu = SameCpuPeers.Choose(FullName);
        try
        {
            connection = LoopbackConnection.Open(Transport, noDelay: true, LoopbackCase.PeerTimeout);
        }
        catch (SocketException e)
        {
            throw new AiTuneException($"{FullName}: cannot connect a {(Transport == LoopbackTransport.Tcp ? "TCP socket to 127.0.0.1" : "Unix-domain socket")}: {e.SocketErrorCode} ({e.Message})",
                Transport == LoopbackTransport.Tcp ? "the loopback interface may be down (ip link show lo)" : "check that TMPDIR is writable", e);
        }

        Random.Shared.NextBytes(request);
        Note($"both threads pinned to CPU {cpu}; one connection, socket buffers left to the kernel");
    }

    protected override long RunOperations(CancellationToken cancellation)
    {
        var pair = connection ?? throw new InvalidOperationException($"{FullName}: measured before it was prepared");
        string name = FullName;
        try
        {
            return SameCpuPeers.Run(name, cpu,
                () =>
                {
                    for (int i = 0; i < Operations; i++)
                    {
                        LoopbackConnection.SendAll(pair.Client, request);
                        LoopbackConnection.ReceiveExactly(pair.Client, response, name);
                    }
                },
                () =>
                {
                    for (int i = 0; i < Operations; i++)
                    {
                        LoopbackConnection.ReceiveExactly(pair.Server, echo, name);
                        LoopbackConnection.SendAll(pair.Server, echo);
                    }
                },
                pair.Abort, cancellation);
        }
        catch (SocketException e)
        {
            throw pair.Failure(name, e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection?.Dispose();
            connection = null;
        }

        base.Dispose(disposing);
    }
}
