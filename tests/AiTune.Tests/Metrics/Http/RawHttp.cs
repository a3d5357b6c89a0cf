using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiTune.Tests.Metrics.Http;

/// <summary>A client that writes exactly the bytes a test gives it (no client library would send a malformed or
/// hostile request) and reads the answer to the end of the connection.</summary>
public static class RawHttp
{
    /// <summary>The test gives up after this, so a server that never answers fails the test instead of hanging it.</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static Task<RawResponse> SendAsync(IPEndPoint server, string request) => SendAsync(server, Encoding.Latin1.GetBytes(request));

    public static async Task<RawResponse> SendAsync(IPEndPoint server, byte[] request)
    {
        using var client = await ConnectAsync(server);
        await client.SendAsync(request, SocketFlags.None);
        return await ReadResponseAsync(client);
    }

    public static async Task<Socket> ConnectAsync(IPEndPoint server)
    {
        var client = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server);
        return client;
    }

    public static async Task<RawResponse> ReadResponseAsync(Socket client)
    {
        using var giveUp = new CancellationTokenSource(GiveUp);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int n;
            try
            {
                n = await client.ReceiveAsync(buffer, SocketFlags.None, giveUp.Token);
            }
            catch (SocketException) when (received.Length > 0)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            received.Write(buffer, 0, n);
        }

        return RawResponse.Parse(received.ToArray());
    }
}
