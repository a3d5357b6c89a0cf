using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>`aitune lab boot` boots a real Debian kernel with no suite and reports what the guest saw.</summary>
public sealed class LabBootTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-lab-boot-test-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void A_kernel_boots_healthy_and_the_guest_reports_that_kernel_with_the_labs_command_line()
    {
        _ = LabGuestBinary.Path;

        var result = Aitune.Run("lab", "boot", "--kernel", LabKernels.Package(LabKernels.Cloud61), "--cache", Path.Join(scratch, "cache"), "--json");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        SchemaTests.Valid(DocumentSchema.Load("lab-boot.schema.json"), result.Output, "lab boot");
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal("instructions", document.RootElement.GetProperty("measure").GetString());
        var kernel = document.RootElement.GetProperty("kernels").EnumerateArray().Single();
        Assert.Equal("6.1.0-57-cloud-amd64", kernel.GetProperty("release").GetString());
        Assert.Equal(1, kernel.GetProperty("healthy").GetInt32());
        var boot = document.RootElement.GetProperty("boots").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, boot.GetProperty("failure").ValueKind);
        Assert.Contains("Debian 6.1.192-3", boot.GetProperty("version").GetString());
        Assert.Contains("aitune.lab=1", boot.GetProperty("commandLine").GetString());
        Assert.Contains("panic=-1", boot.GetProperty("commandLine").GetString());
        Assert.Equal(1, boot.GetProperty("cpus").GetInt32());
        Assert.Equal("tsc", boot.GetProperty("clocksource").GetString());
    }
}
