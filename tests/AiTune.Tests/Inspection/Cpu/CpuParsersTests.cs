using AiTune.Facts;
using AiTune.Inspection.Cpu;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Cpu;

public class CpuParsersTests
{
    private const string Arm64Cpuinfo = "processor\t: 0\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs\n"
        + "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n\n"
        + "processor\t: 1\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n\n";

    [Theory]
    [InlineData("0-3,8-11", new[] { 0, 1, 2, 3, 8, 9, 10, 11 })]
    [InlineData("0", new[] { 0 })]
    [InlineData("5,3,3-4\n", new[] { 3, 4, 5 })]
    [InlineData("", new int[0])]
    [InlineData("\n", new int[0])]
    public void CpuList_parses_the_kernel_list_syntax(string text, int[] cpus) => Assert.Equal(cpus, CpuList.Parse(text, "online").Value);

    [Theory]
    [InlineData("0-4294967295")]
    [InlineData("0-65536")]
    [InlineData("3-1")]
    [InlineData("a-b")]
    [InlineData("1,,2")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("0-15:2/4")]
    public void CpuList_refuses_malformed_and_unbounded_lists(string text) =>
        Assert.Equal(UnknownKind.Malformed, CpuList.Parse(text, "online").Reason?.Kind);

    [Fact]
    public void CpuList_real_online_file() => Assert.Equal([0, 1], CpuList.Parse(File.ReadAllText(FixturePaths.File("files/cpu/online-6.18-kvm")), "online").Value);

    [Fact]
    public void CpuList_never_throws_and_stays_bounded() =>
        Gen.String.Sample(text => Assert.True(!CpuList.Parse(text, "x").TryGet(out var cpus) || cpus.All(c => c is >= 0 and <= CpuList.MaxCpuId)));

    [Fact]
    public void Cpuinfo_real_x86_sample_of_this_vm()
    {
        var processors = CpuinfoParser.Parse(File.ReadAllText(FixturePaths.File("files/cpu/cpuinfo-amd-epyc-kvm-6.18")));
        Assert.Equal(2, processors.Count);
        Assert.Equal(("AuthenticAMD", "AMD EPYC", "0", "1"), (processors[1]["vendor_id"], processors[1]["model name"], processors[1]["physical id"], processors[1]["core id"]));
        Assert.Contains("hypervisor", processors[0]["flags"]!.Split(' '));
        Assert.Equal("", processors[0]["power management"]);
    }

    [Fact]
    public void Cpuinfo_arm64_has_implementer_and_features_but_no_model_name()
    {
        var processors = CpuinfoParser.Parse(Arm64Cpuinfo);
        Assert.Equal(2, processors.Count);
        Assert.Null(processors[0]["model name"]);
        Assert.Equal(("0x41", "8", "0xd0c"), (processors[0]["CPU implementer"], processors[0]["CPU architecture"], processors[0]["CPU part"]));
        Assert.Equal("ARM", ArmImplementer.Name(processors[0]["CPU implementer"]!));
    }

    [Theory]
    [InlineData("0x41", "ARM")]
    [InlineData("0x4e", "NVIDIA")]
    [InlineData("0xc0", "Ampere")]
    [InlineData("0x99", "0x99")]
    [InlineData("junk", "junk")]
    public void Arm_implementer_names(string code, string name) => Assert.Equal(name, ArmImplementer.Name(code));

    [Fact]
    public void Cpuinfo_never_throws()
    {
        Gen.String.Sample(text => CpuinfoParser.Parse(text));
        Gen.Byte.Array.Sample(bytes => CpuinfoParser.Parse(System.Text.Encoding.UTF8.GetString(bytes)));
    }

    [Theory]
    [InlineData("Not affected", VulnerabilityState.NotAffected)]
    [InlineData("Mitigation: Retpolines; STIBP: disabled; RSB filling; PBRSB-eIBRS: Not affected; BHI: Not affected", VulnerabilityState.Mitigated)]
    [InlineData("Vulnerable", VulnerabilityState.Vulnerable)]
    [InlineData("Vulnerable: Safe RET, no microcode", VulnerabilityState.Vulnerable)]
    [InlineData("Vulnerable: Clear CPU buffers attempted, no microcode; SMT Host state unknown", VulnerabilityState.Vulnerable)]
    [InlineData("Unknown: Dependent on hypervisor status", VulnerabilityState.Unknown)]
    [InlineData("", VulnerabilityState.Unknown)]
    public void Vulnerability_states(string status, VulnerabilityState state) => Assert.Equal(state, CpuVulnerability.Classify(status));

    [Fact]
    public void Real_vulnerability_statuses_of_this_vm_classify()
    {
        var lines = File.ReadAllLines(FixturePaths.File("files/cpu/vulnerabilities-6.18-kvm.txt"));
        var states = lines.Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => CpuVulnerability.Classify(p[1]));
        Assert.Equal(VulnerabilityState.Vulnerable, states["spec_rstack_overflow"]);
        Assert.Equal(VulnerabilityState.Mitigated, states["spectre_v2"]);
        Assert.Equal(VulnerabilityState.NotAffected, states["meltdown"]);
        Assert.DoesNotContain(VulnerabilityState.Unknown, states.Values);
    }
}
