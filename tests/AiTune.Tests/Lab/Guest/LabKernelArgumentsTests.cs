using AiTune.Lab.Guest;

namespace AiTune.Tests.Lab.Guest;

public class LabKernelArgumentsTests
{
    [Theory]
    [InlineData("console=ttyS0 loglevel=3 printk.time=1 panic=-1 oops=panic softlockup_panic=1 rdinit=/init aitune.lab=1 tsc=reliable\n", true)]
    [InlineData("aitune.lab=1", true)]
    [InlineData("BOOT_IMAGE=/boot/vmlinuz-6.12.118+deb12-amd64 root=UUID=0a1b ro quiet\n", false)]
    [InlineData("aitune.lab=0", false)]
    [InlineData("aitune.lab=10", false)]
    [InlineData("xaitune.lab=1", false)]
    [InlineData("quiet -- aitune.lab=1", false)]
    [InlineData("dyndbg=\"file a.c aitune.lab=1\" quiet", false)]
    [InlineData("", false)]
    public void Only_the_kernel_word_aitune_lab_1_makes_a_lab_guest(string commandLine, bool lab)
    {
        Assert.Equal(lab, LabKernelArguments.IsLabGuest(commandLine));
    }

    [Fact]
    public void Words_are_split_on_spaces_with_quotes_grouping()
    {
        Assert.Equal(["a=1", "dyndbg=file a.c +p", "b"], LabKernelArguments.Words("  a=1 dyndbg=\"file a.c +p\"\tb\n"));
    }

    [Fact]
    public void On_a_normal_host_the_hook_returns_at_once()
    {
        // The test host is not PID 1: nothing is mounted, read or run.
        bool ran = false;
        LabGuest.TakeOverIfLabGuest((_, _) =>
        {
            ran = true;
            return [];
        });

        Assert.False(ran);
    }
}
