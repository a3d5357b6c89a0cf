using AiTune.Facts;
using AiTune.Inspection.Accelerators;
using CsCheck;

namespace AiTune.Tests.Inspection.Accelerators;

public class NvidiaProcParserTests
{
    private const string VersionPath = "/proc/driver/nvidia/version";

    [Theory]
    [InlineData("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.127.05  Tue Oct  8 03:22:07 UTC 2024\nGCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04) \n", "550.127.05")]
    [InlineData("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  565.77  Release Build  (nixbld@)  Sun Feb  9 11:08:26 UTC 2025\nGCC version:  gcc version 13.3.0 (GCC)\n", "565.77")]
    [InlineData("NVRM version: NVIDIA UNIX Open Kernel Module for aarch64  580.95.05  Release Build  (dvs-builder@U22-I3-B17-02-5)  Tue Sep 23 09:55:41 UTC 2025\n", "580.95.05")]
    [InlineData("NVRM version: NVIDIA UNIX aarch64 Kernel Module  535.216.01  Wed Sep 25 00:00:00 UTC 2024\n", "535.216.01")]
    public void Versions_of_both_modules(string text, string expected) =>
        Assert.Equal(expected, NvidiaVersionParser.Parse(VersionPath, text).Value);

    [Theory]
    [InlineData("", "no 'NVRM version:' line")]
    [InlineData("GCC version:  gcc version 13.3.0\n", "no 'NVRM version:' line")]
    [InlineData("NVRM version: something else\n", "no 'Kernel Module'")]
    [InlineData("NVRM version: NVIDIA UNIX x86_64 Kernel Module  Tue Oct  8 03:22:07 UTC 2024\n", "no version number")]
    [InlineData("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.x.05\n", "no version number")]
    public void Malformed_version_files(string text, string why)
    {
        var result = NvidiaVersionParser.Parse(VersionPath, text);
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.StartsWith(VersionPath, result.Reason.Detail);
        Assert.Contains(why, result.Reason.Detail);
    }

    [Fact]
    public void Model_from_the_information_file()
    {
        const string text = "Model: \t\t NVIDIA A10G\nIRQ:   \t\t 42\nGPU UUID: \t GPU-82523fd8-3897-f599-d088-ccd04ae45ec1\n" +
            "Video BIOS: \t 94.04.42.00.01\nBus Type: \t PCIe\nDMA Size: \t 47 bits\nDMA Mask: \t 0x7fffffffffff\n" +
            "Bus Location: \t 0000:00:1e.0\nDevice Minor: \t 3\nGPU Excluded: \t No\n";
        Assert.Equal("NVIDIA A10G", NvidiaInformationParser.ParseModel("information", text).Value);
    }

    [Theory]
    [InlineData("IRQ: 42\n")]
    [InlineData("Model: \t\t \n")]
    [InlineData("Model: NVIDIA\u0000H100\n")]
    public void Malformed_information_files(string text) =>
        Assert.Equal(UnknownKind.Malformed, NvidiaInformationParser.ParseModel("information", text).Reason!.Kind);

    [Theory]
    [InlineData("Model: \t\t NVIDIA H100 80GB HBM3\nDevice Minor: \t 3\nGPU Excluded:\t No\n", 3)]
    [InlineData("Device Minor: \t 0", 0)]
    public void Device_minor_from_the_information_file(string text, int expected) =>
        Assert.Equal(expected, NvidiaInformationParser.ParseDeviceMinor("information", text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("Device Minor: \t \n")]
    [InlineData("Device Minor: \t -1\n")]
    [InlineData("Device Minor: \t 99999999999999\n")]
    [InlineData("Device Minor: \t 1\0\n")]
    public void Malformed_device_minors_are_unknown(string text) =>
        Assert.Equal(UnknownKind.Malformed, NvidiaInformationParser.ParseDeviceMinor("information", text).Reason!.Kind);

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var version = NvidiaVersionParser.Parse(VersionPath, text);
            Assert.True(version.IsKnown ? version.Value.All(c => char.IsAsciiDigit(c) || c == '.') : version.Reason!.Kind == UnknownKind.Malformed);
            var model = NvidiaInformationParser.ParseModel("information", text);
            Assert.True(model.IsKnown ? model.Value.Length > 0 : model.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Random_text_after_a_real_prefix_never_throws()
    {
        Gen.String.Sample(tail =>
        {
            var version = NvidiaVersionParser.Parse(VersionPath, "NVRM version: NVIDIA UNIX x86_64 Kernel Module " + tail);
            Assert.True(version.IsKnown || version.Reason!.Kind == UnknownKind.Malformed);
        });
    }
}
