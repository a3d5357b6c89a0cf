using System.Text;
using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>Brings up lo in the guest: the kernel creates it down, no init script runs, and the loopback cases (TCP
/// round trips, and any suite that talks to 127.0.0.1) need it. The guest has no other interface: no network.</summary>
internal static class LoopbackInterface
{
    /// <summary>struct ifreq: the name (IFNAMSIZ, 16 bytes) and a union whose first member here is short ifr_flags;
    /// 40 bytes on 64-bit Linux.</summary>
    private const int RequestSize = 40;

    /// <returns>Null when lo is up, else what failed.</returns>
    public static unsafe string? BringUp()
    {
        int socket = Posix.Socket(Posix.AddressFamilyInet, Posix.SocketDatagram, 0);
        if (socket < 0)
        {
            return $"lo: socket: {Posix.Describe(Posix.LastError)}";
        }

        try
        {
            byte* request = stackalloc byte[RequestSize];
            new Span<byte>(request, RequestSize).Clear();
            Encoding.ASCII.GetBytes("lo", new Span<byte>(request, 16));
            if (Posix.Ioctl(socket, Posix.GetInterfaceFlags, (nint)request) != 0)
            {
                return $"lo: SIOCGIFFLAGS: {Posix.Describe(Posix.LastError)}";
            }

            short* flags = (short*)(request + 16);
            *flags |= Posix.InterfaceUp;
            return Posix.Ioctl(socket, Posix.SetInterfaceFlags, (nint)request) == 0 ? null : $"lo: SIOCSIFFLAGS: {Posix.Describe(Posix.LastError)}";
        }
        finally
        {
            Posix.Close(socket);
        }
    }
}
