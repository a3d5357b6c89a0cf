using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// readdir(3) with the entry type the file system reports (d_type). .NET's enumeration learns a link or a device
/// only by one more lstat, readlink or stat per entry; procfs, sysfs and every common disk file system fill d_type,
/// so a listing costs one getdents64 per few hundred entries instead. <c>struct dirent</c> has one layout in glibc
/// and musl on every 64-bit Linux: d_ino (8), d_off (8), d_reclen (2), d_type (1), then the name.
/// </summary>
internal static unsafe partial class LinuxDirectory
{
    internal const byte TypeUnknown = 0;
    internal const byte TypeDirectory = 4;
    internal const byte TypeRegular = 8;
    internal const byte TypeSymlink = 10;

    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial byte* ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint directory);

    /// <summary>The entries of <paramref name="path"/> but "." and "..", with their d_type (<see cref="TypeUnknown"/>
    /// where the file system does not say), or the errno of opendir or readdir.</summary>
    internal static int TryList(string path, List<(string Name, byte Type)> entries)
    {
        if (IntPtr.Size != 8)
        {
            throw new PlatformNotSupportedException("aitune reads directories on 64-bit Linux only");
        }

        nint directory = OpenDir(path);
        if (directory == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                byte* entry = ReadDir(directory);
                if (entry == null)
                {
                    return Marshal.GetLastPInvokeError();
                }

                var name = Marshal.PtrToStringUTF8((nint)(entry + NameOffset))!;
                if (name is not ("." or ".."))
                {
                    entries.Add((name, entry[TypeOffset]));
                }
            }
        }
        finally
        {
            _ = CloseDir(directory); // nothing to flush: the directory was only read
        }
    }
}
