using System.Buffers.Binary;
using System.Text;
using AiTune.Lab.Compression;

namespace AiTune.Lab.Kernels;

/// <summary>
/// Checks that a file is a Linux kernel image a virtual machine can boot with -kernel, from its first bytes:
/// an x86 bzImage (boot protocol header: "HdrS" at 0x202, the protocol version at 0x206, setup_sects at 0x1F1,
/// syssize at 0x1F4, kernel_version at 0x20E pointing to a NUL-terminated string at 0x200 + offset) or an arm64 Image
/// ("ARM\x64" at 0x38), raw or gzip-compressed. Anything else is an <see cref="AiTuneException"/> saying why.
/// </summary>
public static class KernelImageReader
{
    /// <summary>Enough of an image for the header and the version string (x86: 0x200 + a 16-bit offset).</summary>
    public const int HeadBytes = 80 * 1024;

    private const int SetupSectsOffset = 0x1F1;
    private const int SysSizeOffset = 0x1F4;
    private const int BootFlagOffset = 0x1FE;
    private const int HeaderMagicOffset = 0x202;
    private const int ProtocolOffset = 0x206;
    private const int KernelVersionOffset = 0x20E;
    private const int Arm64MagicOffset = 0x38;
    private const int MaxVersionLength = 512;

    /// <summary>An arm64 Image.gz is expanded only as far as its header needs.</summary>
    private const int Arm64HeaderBytes = 64;

    /// <summary>Reads the head of the file at <paramref name="path"/> and checks it.</summary>
    public static KernelImageHeader ReadFile(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[(int)Math.Min(file.Length, HeadBytes)];
            file.ReadExactly(head);
            return Read(head, file.Length, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read {path}: {e.Message}", "check the path and its permissions");
        }
    }

    /// <param name="head">The image's first bytes (at least <see cref="HeadBytes"/> of them when the file has that many).</param>
    /// <param name="length">The image's full size.</param>
    /// <param name="what">The image, for messages.</param>
    public static KernelImageHeader Read(ReadOnlySpan<byte> head, long length, string what)
    {
        if (head.Length >= HeaderMagicOffset + 4 && head.Slice(HeaderMagicOffset, 4).SequenceEqual("HdrS"u8))
        {
            return BzImage(head, length, what);
        }

        if (IsArm64(head))
        {
            return new KernelImageHeader(KernelImageFormat.Arm64Image, null, null, null);
        }

        if (Decompression.Detect(head) == CompressionFormat.Gzip)
        {
            return GzippedArm64(head.ToArray(), what);
        }

        throw NotAKernel(what, head.Length < 0x210
            ? $"it is {length} bytes, shorter than any boot header"
            : "no x86 boot header (\"HdrS\" at 0x202) and no arm64 Image header (\"ARM\\x64\" at 0x38)");
    }

    private static KernelImageHeader BzImage(ReadOnlySpan<byte> head, long length, string what)
    {
        if (head.Length < KernelVersionOffset + 2)
        {
            throw NotAKernel(what, $"truncated: it is {length} bytes, and its boot header is cut short");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(head[BootFlagOffset..]) != 0xAA55)
        {
            throw NotAKernel(what, "\"HdrS\" at 0x202 but no boot flag 0xAA55 at 0x1FE");
        }

        int protocol = BinaryPrimitives.ReadUInt16LittleEndian(head[ProtocolOffset..]);
        if (protocol < 0x0200)
        {
            throw NotAKernel(what, $"boot protocol {protocol >> 8}.{protocol & 0xFF} is older than 2.00, the oldest a bzImage has");
        }

        int setupSects = head[SetupSectsOffset] == 0 ? 4 : head[SetupSectsOffset];
        long expected = (setupSects + 1L) * 512 + BinaryPrimitives.ReadUInt32LittleEndian(head[SysSizeOffset..]) * 16L;
        if (length < expected)
        {
            throw NotAKernel(what, $"truncated: its boot header declares {expected} bytes, and it has {length}");
        }

        string? version = null;
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(head[KernelVersionOffset..]);
        if (offset != 0)
        {
            int start = 0x200 + offset;
            if (start >= head.Length)
            {
                throw NotAKernel(what, "the version string its header points to lies beyond the file's head");
            }

            var rest = head[start..];
            int end = rest[..Math.Min(rest.Length, MaxVersionLength)].IndexOf((byte)0);
            if (end <= 0 || rest[..end].ContainsAnyExceptInRange((byte)' ', (byte)'~'))
            {
                throw NotAKernel(what, "the version string its boot header points to is not printable text");
            }

            version = Encoding.ASCII.GetString(rest[..end]);
        }

        var release = version?.Split(' ', 2)[0];
        return new KernelImageHeader(KernelImageFormat.X86BzImage, $"{protocol >> 8}.{protocol & 0xFF}", version, release);
    }

    private static bool IsArm64(ReadOnlySpan<byte> head) =>
        head.Length >= Arm64MagicOffset + 4 && head.Slice(Arm64MagicOffset, 4).SequenceEqual("ARM\x64"u8);

    private static KernelImageHeader GzippedArm64(byte[] head, string what)
    {
        var expanded = new byte[Arm64HeaderBytes];
        int total = 0;
        try
        {
            using var stream = Decompression.Open(new MemoryStream(head, writable: false), CompressionFormat.Gzip, 64L << 20, what);
            while (total < expanded.Length)
            {
                int read = stream.Read(expanded, total, expanded.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw NotAKernel(what, $"gzip data that does not expand ({e.Message.TrimEnd('.')})");
        }

        return IsArm64(expanded.AsSpan(0, total))
            ? new KernelImageHeader(KernelImageFormat.Arm64Image, null, null, null)
            : throw NotAKernel(what, "gzip data that does not hold an arm64 Image (no \"ARM\\x64\" at 0x38)");
    }

    private static AiTuneException NotAKernel(string what, string why) =>
        new($"{what} is not a Linux kernel image: {why}",
            "give a bzImage (x86, /boot/vmlinuz-RELEASE) or an arm64 Image, whole as the kernel package ships it");
}
