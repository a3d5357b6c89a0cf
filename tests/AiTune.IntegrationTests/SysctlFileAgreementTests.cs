using System.Text.Json;
using System.Text.RegularExpressions;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests;

/// <summary>On a host tree with a vendor file that sets one of the profile's sysctls after any name aitune could take,
/// the audit's fix text, apply --persist and verify name the same sysctl.d file and the same winner at boot.</summary>
public partial class SysctlFileAgreementTests
{
    [GeneratedRegex(@"/etc/sysctl\.d/\d\d-aitune\.conf")]
    private static partial Regex AituneFile();

    [Fact]
    public void Audit_apply_and_verify_name_one_file_and_one_winner()
    {
        using var host = new ScratchHost("xeon-2numa-nvidia");
        Directory.CreateDirectory(host.File("/usr/lib/sysctl.d"));
        File.WriteAllText(host.File("/usr/lib/sysctl.d/99-foo.conf"), "vm.max_map_count = 65530\n");
        File.WriteAllText(host.File("/etc/sysctl.d/60-local.conf"), "vm.swappiness = 30\n");

        var audit = host.Read("audit", "--profile", "inference-latency", "--json");
        Assert.True(audit.ExitCode is 0 or 1, audit.Error);
        using var findings = JsonDocument.Parse(audit.Output);
        var persistent = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("fix").ValueKind == JsonValueKind.Object)
            .Select(f => (Id: f.GetProperty("id").GetString()!, Text: f.GetProperty("fix").GetProperty("persistent").GetString() ?? ""))
            .Where(f => f.Text.Contains("/etc/sysctl.d/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(persistent);
        var named = persistent.Select(f => AituneFile().Match(f.Text).Value).Distinct().ToList();
        Assert.Equal(["/etc/sysctl.d/61-aitune.conf"], named);
        var mapCount = persistent.Single(f => f.Text.Contains("vm.max_map_count", StringComparison.Ordinal));
        Assert.Contains("/usr/lib/sysctl.d/99-foo.conf:1 sets vm.max_map_count = 65530 after it and wins at boot", mapCount.Text, StringComparison.Ordinal);

        var apply = host.Run("apply", "--profile", "inference-latency", "--persist", "--no-color");
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Contains("/etc/sysctl.d/61-aitune.conf", apply.Output, StringComparison.Ordinal);
        Assert.Contains("/usr/lib/sysctl.d/99-foo.conf:1 sets vm.max_map_count = 65530 and is applied after 61-aitune.conf", apply.Output + apply.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(host.File("/etc/sysctl.d/61-aitune.conf")));
        Assert.Equal(["61-aitune.conf"], Directory.EnumerateFiles(host.File("/etc/sysctl.d"), "*-aitune.conf").Select(Path.GetFileName));

        var verify = host.Run("verify", "--json");
        using var checks = JsonDocument.Parse(verify.Output);
        var atBoot = checks.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("id").GetString()!.StartsWith("sysctl:", StringComparison.Ordinal))
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("atBoot").GetString());
        Assert.Equal("overridden at boot by /usr/lib/sysctl.d/99-foo.conf:1 (65530)", atBoot["sysctl:vm.max_map_count"]);
        Assert.Equal("kept by /etc/sysctl.d/61-aitune.conf", atBoot["sysctl:vm.swappiness"]);
        var overriding = checks.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("overridingFiles").EnumerateArray().Select(f => f.GetString()!).ToList());
        Assert.Equal(["/usr/lib/sysctl.d/99-foo.conf"], overriding["sysctl:vm.max_map_count"]);
        Assert.Empty(overriding["sysctl:vm.swappiness"]);

        // After apply, the audit takes aitune's file as its own and names it again.
        var again = host.Read("audit", "--profile", "inference-latency", "--json");
        Assert.DoesNotContain(AituneFile().Matches(again.Output).Select(m => m.Value), path => path != "/etc/sysctl.d/61-aitune.conf");
    }
}
