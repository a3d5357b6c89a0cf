using AiTune.Facts;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Kernel;

public class ProcVersionParserTests
{
    [Fact]
    public void Parses_a_captured_firecracker_guest_line()
    {
        var text = File.ReadAllText(FixturePaths.File("files/kernel/version-6.18.44-fc-v669"));

        var version = ProcVersionParser.Parse(text).Value;

        Assert.Equal("6.18.44-fc-v669", version.Release);
        Assert.Equal(["SMP", "PREEMPT_DYNAMIC"], version.BuildFlags);
        Assert.Equal("Linux version 6.18.44-fc-v669 (builder@sandboxing) (gcc (GCC) 15.3.0, GNU ld (GNU Binutils) 2.46) #1 SMP PREEMPT_DYNAMIC @0", version.Line);
    }

    [Theory]
    [InlineData("Linux version 6.8.0-51-generic (buildd@lcy02-amd64-091) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024",
        "6.8.0-51-generic", "SMP PREEMPT_DYNAMIC")]
    [InlineData("Linux version 6.1.0-28-rt-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_RT Debian 6.1.119-1 (2024-11-22)",
        "6.1.0-28-rt-amd64", "SMP PREEMPT_RT")]
    [InlineData("Linux version 5.14.0-427.13.1.el9_4.x86_64 (mockbuild@x86-64-01.build.eng.rdu2.redhat.com) (gcc (GCC) 11.4.1 20231218 (Red Hat 11.4.1-3), GNU ld version 2.35.2-43.el9) #1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024",
        "5.14.0-427.13.1.el9_4.x86_64", "SMP PREEMPT_DYNAMIC")]
    [InlineData("Linux version 4.19.0-27-amd64 (debian-kernel@lists.debian.org) (gcc version 8.3.0 (Debian 8.3.0-6)) #1 SMP Debian 4.19.316-1 (2024-06-25)",
        "4.19.0-27-amd64", "SMP")]
    [InlineData("Linux version 6.6.58-rt45 (root@build) (gcc #2 fork) #3 SMP PREEMPT_RT Fri Nov  1 10:00:00 UTC 2024",
        "6.6.58-rt45", "SMP PREEMPT_RT")]
    public void Takes_the_release_and_the_build_flags(string line, string release, string flags)
    {
        var version = ProcVersionParser.Parse(line + "\n").Value;

        Assert.Equal(release, version.Release);
        Assert.Equal(flags.Split(' '), version.BuildFlags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Linux version")]
    [InlineData("FreeBSD 14.1-RELEASE")]
    [InlineData("Linux version 6.8.0\nLinux version 6.9.0 (x) #1")]
    public void Other_text_is_malformed(string text)
    {
        var version = ProcVersionParser.Parse(text);

        Assert.Equal(UnknownKind.Malformed, version.Reason!.Kind);
        Assert.StartsWith("/proc/version", version.Reason.Detail);
    }

    [Fact]
    public void Any_text_gives_a_value_or_a_malformed_fact()
    {
        Gen.String.Sample(text =>
        {
            var version = ProcVersionParser.Parse(text);
            Assert.True(version.IsKnown || version.Reason!.Kind == UnknownKind.Malformed);
        });
        Gen.String.Sample(tail =>
        {
            var version = ProcVersionParser.Parse("Linux version 6.12.1 " + tail);
            Assert.True(version.IsKnown || tail.Contains('\n'));
        });
    }
}
