using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

public class KernelListTests
{
    private static string[] Packages =>
        [LabKernels.Package(LabKernels.Generic61), LabKernels.Package(LabKernels.Rt61), LabKernels.Package(LabKernels.Cloud61), LabKernels.Package(LabKernels.Generic612)];

    [Fact]
    public void The_four_real_packages_list_with_their_facts()
    {
        var result = Aitune.Run(["kernel", "list", "--no-color", .. Packages]);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        var rows = result.Output.Split('\n').Where(l => l.StartsWith("6.", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(
            [
                ["6.1.0-57-amd64", "generic", "voluntary+dynamic", "250", "6.1", "to", "2027-12-31"],
                ["6.1.0-57-rt-amd64", "rt", "rt", "250", "6.1", "to", "2027-12-31"],
                ["6.1.0-57-cloud-amd64", "cloud", "voluntary+dynamic", "250", "6.1", "to", "2027-12-31"],
                ["6.12.118+deb12-amd64", "generic", "voluntary+dynamic", "250", "6.12", "to", "2028-12-31"]
            ],
            rows);
        Assert.Contains($"  package, config {LabKernels.Rt61}:boot/config-6.1.0-57-rt-amd64\n", result.Output);
    }

    [Fact]
    public void The_json_document_carries_the_same_facts()
    {
        var result = Aitune.Run(["kernel", "list", "--json", .. Packages]);

        Assert.Equal(0, result.ExitCode);
        SchemaTests.Valid(DocumentSchema.Load("kernel-list.schema.json"), result.Output, "kernel list");
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var kernels = root.GetProperty("kernels").EnumerateArray().ToList();
        Assert.Equal(["6.1.0-57-amd64", "6.1.0-57-rt-amd64", "6.1.0-57-cloud-amd64", "6.12.118+deb12-amd64"], kernels.Select(k => k.GetProperty("release").GetString()));
        Assert.Equal(["generic", "rt", "cloud", "generic"], kernels.Select(k => k.GetProperty("flavor").GetProperty("name").GetString()));
        Assert.Equal(["voluntary", "rt", "voluntary", "voluntary"], kernels.Select(k => k.GetProperty("preemption").GetString()));
        Assert.Equal([true, false, true, true], kernels.Select(k => k.GetProperty("preemptDynamic").GetBoolean()));
        Assert.All(kernels, k => Assert.Equal(250, k.GetProperty("hz").GetInt32()));
        Assert.Equal(["6.1", "6.1", "6.1", "6.12"], kernels.Select(k => k.GetProperty("longterm").GetProperty("branch").GetString()));
        Assert.Equal(["2027-12-31", "2027-12-31", "2027-12-31", "2028-12-31"], kernels.Select(k => k.GetProperty("longterm").GetProperty("endOfLife").GetString()));
        Assert.All(kernels, k => Assert.True(k.GetProperty("longterm").GetProperty("isLongterm").GetBoolean()));
        Assert.All(kernels, k => Assert.Equal("package", k.GetProperty("source").GetString()));
        Assert.All(kernels, k => Assert.Equal("x86BzImage", k.GetProperty("imageFormat").GetString()));
        Assert.Equal("6.1.192-3", kernels[0].GetProperty("package").GetProperty("version").GetString());
        Assert.Equal($"{LabKernels.Generic612}:boot/config-6.12.118+deb12-amd64", kernels[3].GetProperty("configSource").GetString());
    }

    [Fact]
    public void A_host_without_kernels_says_so_and_succeeds()
    {
        var result = Aitune.Run(["kernel", "list", "--root", FixturePaths.Host("this-vm")]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("no installed kernels found under /boot of host tree ", result.Output);
    }

    [Fact]
    public void A_file_that_is_no_kernel_is_an_error_with_a_hint()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a kernel");

            var result = Aitune.Run(["kernel", "list", path]);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: {path} is not a Linux kernel image: it is 12 bytes, shorter than any boot header\nhint: give a bzImage (x86, /boot/vmlinuz-RELEASE) or an arm64 Image, whole as the kernel package ships it\n", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
