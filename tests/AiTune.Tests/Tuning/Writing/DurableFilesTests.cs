using AiTune.Tuning.Writing;

namespace AiTune.Tests.Tuning.Writing;

public class DurableFilesTests
{
    [Fact]
    public void IsRoot_is_the_effective_uid_the_kernel_reports()
    {
        // /proc/self/status "Uid:" lists real, effective, saved and file-system uids.
        string uidLine = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        string effective = uidLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[2];

        Assert.Equal(effective == "0", DurableFiles.IsRoot);
    }
}
