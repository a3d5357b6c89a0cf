using System.Runtime.InteropServices;
using System.Text;

namespace AiTune.Interop;

/// <summary>
/// The system calls of the kernel lab: probing /dev/kvm on the host, and, inside a lab guest where aitune is PID 1,
/// mounting the kernel's filesystems, loading modules, and powering the machine off. .NET has none of them.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int ORdWr = 2;
    internal const int SigTerm = 15;

    /// <summary>KVM_GET_API_VERSION, _IO(KVMIO=0xAE, 0x00) in linux/kvm.h; every KVM since 2.6.22 answers 12.</summary>
    internal const ulong KvmGetApiVersion = 0xAE00;

    internal const int KvmApiVersion = 12;

    /// <summary>LINUX_REBOOT_CMD_POWER_OFF (linux/reboot.h), which glibc's reboot(2) wrapper passes as RB_POWER_OFF.</summary>
    internal const int RebootPowerOff = 0x4321FEDC;

    internal const ulong MountNoSuid = 0x2;
    internal const ulong MountNoDev = 0x4;
    internal const ulong MountNoExec = 0x8;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);

    /// <summary>SIOCGIFFLAGS and SIOCSIFFLAGS (linux/sockios.h): read and set an interface's flags through a struct ifreq.</summary>
    internal const ulong GetInterfaceFlags = 0x8913;
    internal const ulong SetInterfaceFlags = 0x8914;

    /// <summary>IFF_UP (linux/if.h).</summary>
    internal const short InterfaceUp = 0x1;

    internal const int AddressFamilyInet = 2;
    internal const int SocketDatagram = 2;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mount(string source, string target, string filesystemType, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unmount(string target);

    [LibraryImport("libc", EntryPoint = "reboot", SetLastError = true)]
    internal static partial int Reboot(int command);

    /// <summary>PR_SET_THP_DISABLE (linux/prctl.h, 3.15): 1 keeps transparent huge pages from this process and its
    /// children (no huge page at a fault, none made by khugepaged), 0 lets them back.</summary>
    internal const int PrSetThpDisable = 41;

    /// <summary>prctl(2) with the four unsigned long arguments every option reads (the unused ones 0).</summary>
    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary>The finit_module(2) syscall number, or null on an architecture aitune does not know: 313 in
    /// arch/x86/entry/syscalls/syscall_64.tbl, 273 in the generic table (arm64, riscv64, loongarch64). glibc has no
    /// wrapper.</summary>
    internal static long? FinitModuleSyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 313,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 273,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long FinitModuleSyscall(long number, int fd, byte* parameters, int flags);

    /// <summary>finit_module(2) of an open .ko with no parameters: 0, or -1 with errno set (EEXIST when the module
    /// is already loaded or built in).</summary>
    internal static int FinitModule(long number, int fd)
    {
        byte empty = 0;
        return (int)FinitModuleSyscall(number, fd, &empty, 0);
    }

    /// <summary>Writes all of <paramref name="data"/> to <paramref name="fd"/>, retrying short writes and EINTR;
    /// false with errno set on failure.</summary>
    internal static bool WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            int written = 0;
            while (written < data.Length)
            {
                nint count = Write(fd, start + written, (nuint)(data.Length - written));
                if (count < 0)
                {
                    if (LastError == EINTR)
                    {
                        continue;
                    }

                    return false;
                }

                written += (int)count;
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="fd"/>, ignoring failure: for last-resort
    /// messages on the console.</summary>
    internal static void WriteText(int fd, string text) => WriteAll(fd, Encoding.UTF8.GetBytes(text));
}
