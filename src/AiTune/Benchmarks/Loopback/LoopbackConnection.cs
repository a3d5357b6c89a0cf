using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiTune.Benchmarks.Loopback;

/// <summary>
/// One connected pair of blocking sockets on this host: a client and the server end accepted for it, with send and
/// receive timeouts so a peer that stops answering fails the repetition instead of hanging it. TCP listens on
/// 127.0.0.1 only, on an ephemeral port, and checks that the connection it accepted is its own client's (any local
/// process may connect to a loopback port); the Unix socket lives in a private 0700 directory that is removed as
/// soon as the pair is connected. The listener is closed once the pair exists.
/// </summary>
internal sealed class LoopbackConnection : IDisposable
{
    /// <summary>sun_path holds 108 bytes with its terminating NUL (sys/un.h).</summary>
    private const int UnixPathCapacity = 107;

    private LoopbackConnection(LoopbackTransport transport, Socket client, Socket server, EndPoint listenedOn, TimeSpan timeout)
    {
        Transport = transport;
        Timeout = timeout;
        Client = client;
        Server = server;
        ListenedOn = listenedOn;
    }

    public LoopbackTransport Transport { get; }

    /// <summary>How long a send or receive may block before the repetition fails.</summary>
    public TimeSpan Timeout { get; }

    public Socket Client { get; }

    public Socket Server { get; }

    /// <summary>Where the listener was bound: 127.0.0.1 and the port the kernel chose, or the socket's path.</summary>
    public EndPoint ListenedOn { get; }

    /// <summary>Connects a pair. <paramref name="noDelay"/> sets TCP_NODELAY on both ends (TCP only);
    /// <paramref name="timeout"/> bounds every send, receive and the accept.</summary>
    public static LoopbackConnection Open(LoopbackTransport transport, bool noDelay, TimeSpan timeout) => transport switch
    {
        LoopbackTransport.Tcp => OpenTcp(noDelay, timeout),
        _ => OpenUnix(timeout),
    };

    /// <summary>What a failed send or receive means for a person: a peer that stopped answering, or a broken connection.</summary>
    /// <param name="caseFullName">The case that failed, as "suite/case".</param>
    public AiTuneException Failure(string caseFullName, SocketException e) => e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock
        ? new AiTuneException($"{caseFullName}: the peer neither sent nor took data for {Timeout.TotalSeconds:0.#} s",
            "the host may be overloaded or a firewall rule may drop loopback traffic; run the benchmark again on a quieter host", e)
        : new AiTuneException($"{caseFullName}: the connection failed: {e.SocketErrorCode} ({e.Message})",
            "a firewall rule or a socket limit may interfere with loopback connections (nft list ruleset, ulimit -n)", e);

    /// <summary>Receives exactly <paramref name="buffer"/>'s length; a peer that closes first is an error of
    /// <paramref name="caseFullName"/>.</summary>
    public static void ReceiveExactly(Socket socket, Span<byte> buffer, string caseFullName)
    {
        while (buffer.Length > 0)
        {
            int received = socket.Receive(buffer);
            if (received == 0)
            {
                throw new AiTuneException($"{caseFullName}: the peer closed the connection in the middle of a repetition",
                    "run the benchmark again; a process limit or the OOM killer may have ended a thread");
            }

            buffer = buffer[received..];
        }
    }

    /// <summary>Sends the whole of <paramref name="buffer"/>, however many send calls it takes.</summary>
    public static void SendAll(Socket socket, ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            buffer = buffer[socket.Send(buffer)..];
        }
    }

    /// <summary>Shuts both ends down, so that a thread blocked in send or receive on either returns at once.</summary>
    public void Abort()
    {
        Shutdown(Client);
        Shutdown(Server);
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }

    private static LoopbackConnection OpenTcp(bool noDelay, TimeSpan timeout)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var listenedOn = listener.LocalEndPoint!;
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Socket? server = null;
        try
        {
            client.Connect(listenedOn);
            server = Accept(listener, timeout, "TCP");
            if (!Equals(server.RemoteEndPoint, client.LocalEndPoint))
            {
                throw new AiTuneException($"loopback: another process connected to the benchmark's port {listenedOn} before aitune's own client",
                    "run the benchmark again; if it happens every time, look for a process scanning local ports (ss -tnp)");
            }

            client.NoDelay = noDelay;
            server.NoDelay = noDelay;
            return Configure(new LoopbackConnection(LoopbackTransport.Tcp, client, server, listenedOn, timeout));
        }
        catch
        {
            server?.Dispose();
            client.Dispose();
            throw;
        }
    }

    private static LoopbackConnection OpenUnix(TimeSpan timeout)
    {
        // mkdtemp: 0700, so no other user can connect to the socket while it has a name.
        var directory = Directory.CreateTempSubdirectory("aitune-loopback-");
        try
        {
            var path = Path.Combine(directory.FullName, "s");
            if (Encoding.UTF8.GetByteCount(path) > UnixPathCapacity)
            {
                throw new AiTuneException($"loopback: the Unix socket path {path} is longer than the {UnixPathCapacity} bytes a socket address holds",
                    "set TMPDIR to a shorter directory, such as /tmp");
            }

            var endPoint = new UnixDomainSocketEndPoint(path);
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(endPoint);
            listener.Listen(1);
            var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                client.Connect(endPoint);
                var server = Accept(listener, timeout, "Unix");
                return Configure(new LoopbackConnection(LoopbackTransport.Unix, client, server, endPoint, timeout));
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
        finally
        {
            // A connected pair needs no name: remove it now rather than at the end, so a killed run leaves nothing.
            directory.Delete(recursive: true);
        }
    }

    private static Socket Accept(Socket listener, TimeSpan timeout, string kind)
    {
        if (!listener.Poll(timeout, SelectMode.SelectRead))
        {
            throw new AiTuneException($"loopback: the {kind} connection to this host was not accepted within {timeout.TotalSeconds:0} s",
                "check for a firewall rule on the loopback interface (nft list ruleset) and that the host is not overloaded");
        }

        return listener.Accept();
    }

    private static LoopbackConnection Configure(LoopbackConnection connection)
    {
        int milliseconds = (int)connection.Timeout.TotalMilliseconds;
        foreach (var socket in new[] { connection.Client, connection.Server })
        {
            socket.SendTimeout = milliseconds;
            socket.ReceiveTimeout = milliseconds;
        }

        return connection;
    }

    private static void Shutdown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected any more: nothing is blocked on it.
        }
        catch (ObjectDisposedException)
        {
            // Already closed by Dispose.
        }
    }
}
