using System.Runtime.InteropServices;

namespace AiTune.Interop;

internal static unsafe partial class Posix
{
    private const int EIntr = 4;

    [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)]
    private static partial nint GetRandom(byte* buffer, nuint length, uint flags);

    /// <summary>
    /// Fills <paramref name="buffer"/> from the kernel's CSPRNG with getrandom(2). Not RandomNumberGenerator: on Linux
    /// it loads OpenSSL, and where libssl is missing (a lab guest's initramfs holds only libc, libm and ld-linux) the
    /// runtime aborts the process, which as PID 1 panics the kernel.
    /// </summary>
    public static void FillRandom(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                nint read = GetRandom(start + done, (nuint)(buffer.Length - done), 0);
                if (read < 0)
                {
                    if (LastError == EIntr)
                    {
                        continue;
                    }

                    throw new IOException($"getrandom(2) failed: {Describe(LastError)}");
                }

                done += (int)read;
            }
        }
    }

    /// <summary><paramref name="bytes"/> random bytes as lower-case hex, for names no one can guess.</summary>
    public static string RandomHex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        FillRandom(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
