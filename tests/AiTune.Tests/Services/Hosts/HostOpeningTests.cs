using AiTune.Services;
using AiTune.Services.Hosts;
using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.Tests.Services.Hosts;

/// <summary>Opening a host with its profiles and reading its facts once, as every command that looks at a host does.</summary>
public sealed class HostOpeningTests : IDisposable
{
    private readonly HostTreeCopy host = new();

    private readonly HostOpening opening = new("0.0-test");

    public HostOpeningTests()
    {
        // A sysctl no built-in profile and no inspector reads: only a user profile that sets it brings it into the facts.
        File.WriteAllText(host.File("/proc/sys/vm/stat_interval"), "1\n");
        File.WriteAllText(ProfileFile, "name = \"site\"\ninclude = [\"balanced\"]\n[sysctl]\n\"vm.stat_interval\" = \">=1\"\n");
    }

    private string ProfileFile => Path.Join(host.Directory, "site.toml");

    public void Dispose() => host.Dispose();

    [Fact]
    public void The_facts_hold_the_sysctls_the_profiles_expect_and_the_source_names_the_tree()
    {
        var facts = opening.Facts(host.Tree, ProfileCatalog.BuiltIn);

        Assert.Equal(60, facts.Sysctls.GetLong("vm.swappiness").Value);
        Assert.Equal(65530, facts.Sysctls.GetLong("vm.max_map_count").Value);
        Assert.False(facts.Sysctls.Get("vm.stat_interval").IsKnown);
        Assert.Equal("host tree " + host.Tree, facts.Source.Description);
    }

    [Fact]
    public void A_user_profile_is_loaded_with_the_host_and_its_sysctls_are_read()
    {
        var opened = opening.FactsAndProfiles(host.Tree, [ProfileFile]);

        Assert.Contains(opened.Catalog.All, p => p.Name == "site");
        Assert.Equal("1", opened.Facts.Sysctls.Get("vm.stat_interval").Value);
        Assert.Contains("vm.stat_interval", HostOpening.ProfileSysctls(opened.Catalog));
        Assert.DoesNotContain("vm.stat_interval", HostOpening.ProfileSysctls(ProfileCatalog.BuiltIn));
        Assert.Contains(opening.Profiles(host.Tree, [ProfileFile]).All, p => p.Name == "site");
    }

    [Fact]
    public void A_snapshot_of_the_tree_reads_back_as_the_same_facts()
    {
        var archive = Path.Join(host.Directory, "host.tar.gz");

        var metadata = opening.Snapshot(host.Tree, archive, replace: false, CancellationToken.None);

        Assert.True(File.Exists(archive));
        Assert.Equal("0.0-test", metadata.ToolVersion);
        var fromArchive = opening.Facts(archive, ProfileCatalog.BuiltIn);
        Assert.Equal(60, fromArchive.Sysctls.GetLong("vm.swappiness").Value);
        var refused = Assert.Throws<AiTuneException>(() => opening.Snapshot(host.Tree, archive, replace: false, CancellationToken.None));
        Assert.Contains("exists", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_judges_the_host_against_the_profile_and_the_model()
    {
        var request = new HostProfileRequest(FixturePaths.Host("kvm-hardened"), [], "inference-throughput", new ModelSpecification(null, "40GiB"));

        var report = new HostAudit("0.0-test").Run(request);

        Assert.Equal("inference-throughput", report.Profile);
        Assert.Equal("0.0-test", report.ToolVersion);
        Assert.Equal(42949672960, report.Model!.TensorBytes);
        Assert.Equal(AiTune.Audit.FindingStatus.Fail, Assert.Single(report.Findings, f => f.Id == "MEM014").Status);
    }

    [Fact]
    public void A_profile_resolved_for_a_host_takes_a_user_profile_from_its_file()
    {
        var request = new HostProfileRequest(host.Tree, [ProfileFile], "site", ModelSpecification.None);

        var resolved = new ProfileResolution("0.0-test").Resolve(request);

        Assert.Equal("site", resolved.Profile.Name);
        Assert.Null(resolved.Model);
        var setting = Assert.Single(resolved.Profile.Settings, s => s.Knob.Id == "sysctl:vm.stat_interval");
        Assert.Equal("site", setting.Profile);
        Assert.Null(setting.SkipReason);
        Assert.Equal("1", resolved.Facts.Sysctls.Get("vm.stat_interval").Value);
    }
}
