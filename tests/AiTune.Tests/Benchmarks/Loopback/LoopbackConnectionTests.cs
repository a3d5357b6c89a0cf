using System.Net;
using System.Net.Sockets;
using AiTune.Benchmarks.Loopback;

namespace AiTune.Tests.Benchmarks.Loopback;

public sealed class LoopbackConnectionTests
{
    [Fact]
    public void Tcp_listens_on_127_0_0_1_only_and_stops_listening_once_connected()
    {
        using var connection = LoopbackConnection.Open(LoopbackTransport.Tcp, noDelay: true, TimeSpan.FromSeconds(5));

        var listened = Assert.IsType<IPEndPoint>(connection.ListenedOn);
        Assert.Equal(IPAddress.Loopback, listened.Address);
        Assert.NotEqual(0, listened.Port);
        Assert.Equal(listened, connection.Client.RemoteEndPoint);
        Assert.Equal(listened, connection.Server.LocalEndPoint);
        Assert.Equal(connection.Client.LocalEndPoint, connection.Server.RemoteEndPoint);
        Assert.True(connection.Client.NoDelay);
        Assert.True(connection.Server.NoDelay);

        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => stranger.Connect(listened));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void The_unix_socket_has_no_name_left_once_connected()
    {
        using var connection = LoopbackConnection.Open(LoopbackTransport.Unix, noDelay: false, TimeSpan.FromSeconds(5));

        var path = Assert.IsType<UnixDomainSocketEndPoint>(connection.ListenedOn).ToString();
        Assert.False(File.Exists(path), path);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)), path);

        connection.Client.Send("ping"u8);
        var received = new byte[4];
        Assert.Equal(4, connection.Server.Receive(received));
        Assert.Equal("ping"u8.ToArray(), received);
    }

    [Theory]
    [InlineData(LoopbackTransport.Tcp)]
    [InlineData(LoopbackTransport.Unix)]
    public void A_receive_from_a_silent_peer_times_out_with_a_reason(LoopbackTransport transport)
    {
        using var connection = LoopbackConnection.Open(transport, noDelay: false, TimeSpan.FromMilliseconds(200));
        Assert.Equal(200, connection.Client.ReceiveTimeout);
        Assert.Equal(200, connection.Server.SendTimeout);

        var timedOut = Assert.Throws<SocketException>(() => connection.Client.Receive(new byte[16]));
        var error = connection.Failure("loopback/tcp/rr", timedOut);

        Assert.Equal("loopback/tcp/rr: the peer neither sent nor took data for 0.2 s", error.Message);
    }

    [Fact]
    public void Abort_unblocks_a_thread_waiting_to_receive()
    {
        using var connection = LoopbackConnection.Open(LoopbackTransport.Tcp, noDelay: false, TimeSpan.FromSeconds(30));
        int received = -1;
        var reader = new Thread(() => received = connection.Server.Receive(new byte[16]));
        reader.Start();
        // Most likely blocked in recv(2) by now; if not, the shut-down socket returns at once all the same.
        Thread.Sleep(100);
        connection.Abort();
        reader.Join();

        Assert.Equal(0, received);
    }
}
