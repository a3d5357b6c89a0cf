using AiTune.Facts;
using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelVersionTests
{
    [Theory]
    [InlineData("6.8.0-51-generic", 6, 8)]
    [InlineData("5.13", 5, 13)]
    [InlineData("6.18.44-fc-v669", 6, 18)]
    [InlineData("4.19.0-27-amd64", 4, 19)]
    public void The_version_is_the_start_of_the_release(string release, int major, int minor)
    {
        Assert.Equal(new KernelVersion(major, minor), KernelVersion.FromRelease(release).Value);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("6")]
    [InlineData("6.1234")]
    [InlineData("")]
    public void A_release_without_major_minor_is_malformed(string release)
    {
        Assert.Equal(UnknownKind.Malformed, KernelVersion.FromRelease(release).Reason!.Kind);
    }

    [Fact]
    public void Versions_order_by_major_then_minor()
    {
        Assert.True(new KernelVersion(5, 13) > new KernelVersion(5, 4));
        Assert.True(new KernelVersion(6, 1) < KernelVersion.Eevdf);
        Assert.True(new KernelVersion(6, 6) >= KernelVersion.Eevdf);
        Assert.True(new KernelVersion(4, 20) <= KernelVersion.SchedulerDebugfs);
        Assert.Equal("5.13", KernelVersion.SchedulerDebugfs.ToString());
    }
}
