using System.Diagnostics;
using System.Net.Sockets;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks.Loopback;

/// <summary>
/// Bulk transfer over one connection, iperf3's way: a sender thread writes a fixed number of bytes in 128 KiB
/// send(2) calls while a receiver thread reads them; throughput is the bytes over the time from the release of both
/// threads to the last byte received.
/// </summary>
internal sealed class StreamThroughputCase : LoopbackCase
{
    /// <summary>iperf3's default TCP write length (-l): 128 KiB.</summary>
    internal const int WriteBytes = 128 * 1024;

    private readonly byte[] sendBuffer = new byte[WriteBytes];
    private readonly byte[] receiveBuffer = new byte[WriteBytes];

    public StreamThroughputCase(LoopbackTransport transport, long transferBytes)
        : base(transport, "stream", noDelay: false,
            $"{(transport == LoopbackTransport.Tcp ? "TCP over 127.0.0.1" : "an AF_UNIX stream socket")}: one thread sends {Units.ByteSize.Format(transferBytes)} in 128 KiB writes to another",
            [new MetricDefinition("throughput", "GB/s", MetricDirection.HigherIsBetter)])
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transferBytes);
        TransferBytes = transferBytes;
        Parameter("write-bytes", WriteBytes);
        Parameter("transfer-bytes", transferBytes);
    }

    /// <summary>Bytes moved by each repetition.</summary>
    public long TransferBytes { get; }

    public override void Prepare(CancellationToken cancellation)
    {
        base.Prepare(cancellation);
        // Loopback neither compresses nor checks content, but a pattern costs nothing and looks like real data.
        Random.Shared.NextBytes(sendBuffer);
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        long lastByteAt = 0;
        long released = RunPeers(
            client =>
            {
                for (long left = TransferBytes; left > 0;)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int sent = client.Send(sendBuffer, 0, (int)Math.Min(left, WriteBytes), SocketFlags.None);
                    left -= sent;
                }
            },
            server =>
            {
                for (long left = TransferBytes; left > 0;)
                {
                    cancellation.ThrowIfCancellationRequested();
                    // Never past this repetition's bytes, so the next one starts on an empty connection.
                    var span = receiveBuffer.AsSpan(0, (int)Math.Min(left, WriteBytes));
                    int received = server.Receive(span);
                    if (received == 0)
                    {
                        throw new AiTuneException($"loopback/{Name}: the sender closed the connection {left} bytes before the end of a repetition",
                            "run the benchmark again; a process limit or the OOM killer may have ended a thread");
                    }

                    left -= received;
                }

                lastByteAt = Stopwatch.GetTimestamp();
            },
            cancellation);
        double seconds = Stopwatch.GetElapsedTime(released, lastByteAt).TotalSeconds;
        values[0] = TransferBytes / seconds / 1e9;
    }
}
