using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Cli.Rendering;

namespace AiTune.IntegrationTests;

/// <summary>The one line the audit prints about the host: it says only what the inspection concluded.</summary>
public class HostLineTests
{
    private static HostSummary Host(string? virtualization) =>
        new("fixture", "6.8.0-51-generic", "generic", "Xeon", 16, 8L << 30, 2, 1, virtualization);

    [Theory]
    [InlineData(null, "virtualization unknown")]
    [InlineData("none", "bare metal")]
    [InlineData("kvm", "VM: kvm")]
    public void Virtualization_is_bare_metal_only_where_the_inspection_concluded_it(string? virtualization, string expected)
    {
        var line = AuditTextRenderer.HostLine(Host(virtualization));

        Assert.Equal("kernel 6.8.0-51-generic (generic) · Xeon × 16 · 8 GiB in 2 NUMA node(s) · 1 accelerator(s) · " + expected, line);
    }
}
