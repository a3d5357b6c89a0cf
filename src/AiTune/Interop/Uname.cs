using System.Runtime.InteropServices;
using System.Text;

namespace AiTune.Interop;

/// <summary>uname(2): the running kernel's identity for snapshot metadata. struct utsname on Linux is six
/// 65-byte fields on every architecture.</summary>
internal static unsafe partial class Uname
{
    private const int FieldLength = 65;

    [LibraryImport("libc", EntryPoint = "uname", SetLastError = true)]
    private static partial int UnameNative(byte* buffer);

    /// <summary>(sysname, release, version, machine), or null if the call fails. The node name is deliberately
    /// not returned: a snapshot carries no host name.</summary>
    internal static (string Sysname, string Release, string Version, string Machine)? Read()
    {
        byte* buffer = stackalloc byte[FieldLength * 6];
        if (UnameNative(buffer) != 0)
        {
            return null;
        }

        return (Field(buffer, 0), Field(buffer, 2), Field(buffer, 3), Field(buffer, 4));
    }

    private static string Field(byte* buffer, int index)
    {
        var span = new ReadOnlySpan<byte>(buffer + index * FieldLength, FieldLength);
        int end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
