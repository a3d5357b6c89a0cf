using System.Buffers.Binary;
using System.Text;

namespace AiTune.Lab.Image;

/// <summary>
/// The host's /etc/ld.so.cache in glibc's own format ("glibc-ld.so.cache1.1", written by ldconfig since glibc 2.32
/// without the old "ld.so-1.7.0" part): which file the loader takes for a library name. Only entries for the
/// executable's machine (glibc's _DL_CACHE_DEFAULT_ID) and without a hardware-capability subdirectory count: the guest's
/// CPU is QEMU's, not the host's, so a library built for x86-64-v3 could fault there.
/// </summary>
public sealed class LdSoCache
{
    public const string DefaultPath = "/etc/ld.so.cache";

    private const int MaxBytes = 64 << 20;
    private const int HeaderBytes = 48;
    private const int EntryBytes = 24;
    private const int FlagElfLibc6 = 0x0003;
    private const int FlagX8664Lib64 = 0x0300;
    private const int FlagAarch64Lib64 = 0x0a00;

    private static ReadOnlySpan<byte> Magic => "glibc-ld.so.cache1.1"u8;

    private readonly IReadOnlyList<(int Flags, string Name, string Path)> entries;

    private LdSoCache(IReadOnlyList<(int Flags, string Name, string Path)> entries) => this.entries = entries;

    /// <summary>The cache at <paramref name="path"/>; null when there is none or it is in a format aitune does not read
    /// (the loader then searches the standard directories, and so does aitune).</summary>
    public static LdSoCache? TryRead(string path = DefaultPath)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(bytes);
    }

    /// <summary>The cache in <paramref name="bytes"/>, or null when it is not the new format or is damaged.</summary>
    public static LdSoCache? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || !bytes.StartsWith(Magic))
        {
            return null;
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]);
        if (count > (bytes.Length - HeaderBytes) / EntryBytes)
        {
            return null;
        }

        var entries = new List<(int, string, string)>((int)count);
        for (int i = 0; i < count; i++)
        {
            var entry = bytes.Slice(HeaderBytes + (i * EntryBytes), EntryBytes);
            int flags = BinaryPrimitives.ReadInt32LittleEndian(entry);
            uint key = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            uint value = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            ulong hardwareCapabilities = BinaryPrimitives.ReadUInt64LittleEndian(entry[16..]);
            if (hardwareCapabilities != 0)
            {
                continue;
            }

            if (CString(bytes, key) is not { } name || CString(bytes, value) is not { } file)
            {
                return null;
            }

            entries.Add((flags, name, file));
        }

        return new LdSoCache(entries);
    }

    /// <summary>The path the cache gives for <paramref name="name"/> (a DT_NEEDED) on <paramref name="machine"/>.</summary>
    public string? Find(string name, ElfMachine machine)
    {
        int wanted = FlagElfLibc6 | (machine == ElfMachine.X64 ? FlagX8664Lib64 : FlagAarch64Lib64);
        foreach (var (flags, key, path) in entries)
        {
            if (flags == wanted && key == name)
            {
                return path;
            }
        }

        return null;
    }

    private static string? CString(ReadOnlySpan<byte> bytes, uint offset)
    {
        if (offset >= bytes.Length)
        {
            return null;
        }

        int end = bytes[(int)offset..].IndexOf((byte)0);
        return end <= 0 ? null : Encoding.UTF8.GetString(bytes.Slice((int)offset, end));
    }
}
