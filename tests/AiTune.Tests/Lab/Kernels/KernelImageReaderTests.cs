using System.IO.Compression;
using AiTune.Lab.Kernels;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Kernels;

public class KernelImageReaderTests
{
    [Theory]
    [InlineData(LabKernels.Generic61, "6.1.0-57-amd64")]
    [InlineData(LabKernels.Rt61, "6.1.0-57-rt-amd64")]
    [InlineData(LabKernels.Cloud61, "6.1.0-57-cloud-amd64")]
    [InlineData(LabKernels.Generic612, "6.12.118+deb12-amd64")]
    public void The_real_images_name_their_release_in_the_boot_header(string package, string release)
    {
        var image = LabKernels.Image(package);

        var header = KernelImageReader.Read(image, image.Length, "vmlinuz");

        Assert.Equal(KernelImageFormat.X86BzImage, header.Format);
        Assert.Equal(release, header.Release);
        Assert.StartsWith(release + " (debian-kernel@lists.debian.org) #1 SMP", header.Version);
        Assert.Equal("2.15", header.BootProtocol);
    }

    [Fact]
    public void A_truncated_bzImage_is_not_a_kernel_image()
    {
        var image = LabKernels.Image(LabKernels.Generic61);

        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read(image, image.Length - 4096, "vmlinuz"));

        Assert.StartsWith("vmlinuz is not a Linux kernel image: truncated: its boot header declares ", error.Message);
    }

    [Fact]
    public void A_bzImage_cut_inside_its_header_is_not_a_kernel_image()
    {
        var head = LabKernels.Image(LabKernels.Generic61)[..0x208];

        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read(head, head.Length, "vmlinuz"));

        Assert.Equal("vmlinuz is not a Linux kernel image: truncated: it is 520 bytes, and its boot header is cut short", error.Message);
    }

    [Fact]
    public void A_version_pointer_to_garbage_is_not_a_kernel_image()
    {
        var image = (byte[])LabKernels.Image(LabKernels.Generic61).Clone();
        image[0x20E] = 0xFF;
        image[0x20F] = 0x00;
        image[0x200 + 0xFF] = 0x01;

        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read(image, image.Length, "vmlinuz"));

        Assert.Contains("not printable text", error.Message);
    }

    [Fact]
    public void Random_bytes_are_not_a_kernel_image()
    {
        var random = new byte[100_000];
        new Random(7).NextBytes(random);

        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read(random, random.Length, "blob"));

        Assert.Equal("blob is not a Linux kernel image: no x86 boot header (\"HdrS\" at 0x202) and no arm64 Image header (\"ARM\\x64\" at 0x38)", error.Message);
        Assert.Contains("bzImage", error.Hint);
    }

    [Fact]
    public void A_gzip_of_garbage_is_not_a_kernel_image()
    {
        var random = new byte[10_000];
        new Random(8).NextBytes(random);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(random);
        }

        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read(output.ToArray(), output.Length, "vmlinuz.gz"));

        Assert.Equal("vmlinuz.gz is not a Linux kernel image: gzip data that does not hold an arm64 Image (no \"ARM\\x64\" at 0x38)", error.Message);
    }

    [Fact]
    public void An_arm64_Image_raw_or_gzipped_is_a_kernel_image()
    {
        var image = new byte[4096];
        "ARM\x64"u8.CopyTo(image.AsSpan(0x38));
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(image);
        }

        Assert.Equal(KernelImageFormat.Arm64Image, KernelImageReader.Read(image, image.Length, "Image").Format);
        Assert.Equal(KernelImageFormat.Arm64Image, KernelImageReader.Read(output.ToArray(), output.Length, "vmlinuz").Format);
    }

    [Fact]
    public void An_empty_file_is_not_a_kernel_image()
    {
        var error = Assert.Throws<AiTuneException>(() => KernelImageReader.Read([], 0, "empty"));

        Assert.Equal("empty is not a Linux kernel image: it is 0 bytes, shorter than any boot header", error.Message);
    }
}
