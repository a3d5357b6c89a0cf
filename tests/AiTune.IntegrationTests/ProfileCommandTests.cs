using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

public class ProfileCommandTests
{
    [Fact]
    public void Profile_list_names_every_profile_with_its_source_and_whether_it_is_selectable()
    {
        var result = Aitune.Run("profile", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var profiles = document.RootElement.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(["balanced", "base", "hardened", "inference-latency", "inference-throughput", "training-throughput"],
            profiles.Select(p => p.GetProperty("name").GetString()));
        Assert.All(profiles, p => Assert.Equal("built-in", p.GetProperty("source").GetString()));
        Assert.False(profiles.Single(p => p.GetProperty("name").GetString() == "base").GetProperty("selectable").GetBoolean());
    }

    [Fact]
    public void A_host_tree_brings_its_own_profiles_and_list_says_which_replace_built_ins()
    {
        var tree = HostTreeWithProfiles();
        try
        {
            var result = Aitune.Run("profile", "list", "--root", tree);

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"balanced\s+yes\s+/etc/aitune/profiles\.d/balanced\.toml \(replaces the built-in profile\)", result.Output);
            Assert.Matches(@"gpu-box\s+yes\s+/etc/aitune/profiles\.d/gpu-box\.toml\s", result.Output);
            Assert.Matches(@"hardened\s+yes\s+built-in\s", result.Output);
        }
        finally
        {
            Directory.Delete(tree, true);
        }
    }

    [Fact]
    public void Profile_show_resolves_for_the_host_with_targets_skips_rationale_and_conflicts()
    {
        var result = Aitune.Run("profile", "show", "inference-latency+training-throughput", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "--model-size", "40GiB");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("aitune profile inference-latency+training-throughput resolved for host tree ", result.Output);
        Assert.Contains("  set  hugepages:2048kB on node 1 = >= 21504 (low, from inference-latency)\n", result.Output);
        Assert.Contains("  set  sysctl:kernel.numa_balancing = 0 (high, from inference-latency)\n", result.Output);
        Assert.Contains("       source:  Documentation/admin-guide/mm/hugetlbpage.rst\n", result.Output);
        // madvise satisfies both profiles' THP settings, so only the workloads conflict.
        Assert.Contains("conflict: workload: inference vs training\n", result.Output);
        Assert.DoesNotContain("conflict: thp:", result.Output);
        Assert.DoesNotContain("\u001b[", result.Output);

        var noModel = Aitune.Run("profile", "show", "inference-throughput", "--root", FixturePaths.Host("kvm-hardened"));
        Assert.Contains("  skip hugepages:2048kB (low, from inference-throughput)\n       skipped: no model given (--model FILE or --model-size SIZE)\n", noModel.Output);
    }

    [Fact]
    public void Profile_show_json_has_one_entry_per_setting()
    {
        var result = Aitune.Run("profile", "show", "inference-latency", "--root", FixturePaths.Host("kvm-hardened"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var numa = document.RootElement.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("knob").GetString() == "sysctl:kernel.numa_balancing");
        Assert.Equal("numa_nodes is 1; the setting applies when numa_nodes is >=2", numa.GetProperty("skipReason").GetString());
        Assert.Equal(JsonValueKind.Null, numa.GetProperty("expected").ValueKind);
        Assert.Equal("MEM012", numa.GetProperty("rule").GetString());
        Assert.Equal("high", numa.GetProperty("severity").GetString());
    }

    [Fact]
    public void The_audit_uses_profile_files_and_the_host_trees_profiles()
    {
        var tree = HostTreeWithProfiles();
        try
        {
            var file = Path.Combine(tree, "local.toml");
            File.WriteAllText(file, "name = \"local\"\n[sysctl]\n\"vm.swappiness\" = { value = \"<=1\", severity = \"high\", why = \"ours\" }\n");

            var local = Aitune.Run("audit", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "--profile-file", file, "--profile", "local", "--json");
            Assert.Equal(0, local.ExitCode);
            using (var document = JsonDocument.Parse(local.Output))
            {
                var swappiness = document.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "MEM009");
                Assert.Equal("fail", swappiness.GetProperty("status").GetString());
                Assert.Equal("<= 1", swappiness.GetProperty("expected").GetString());
                Assert.Contains("local", document.RootElement.GetProperty("summary").GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("profile").GetString()));
            }

            var hostProfile = Aitune.Run("audit", "--root", tree, "--profile", "gpu-box", "--json");
            Assert.Equal(0, hostProfile.ExitCode);
            Assert.Contains("\"profile\": \"gpu-box\"", hostProfile.Output);
        }
        finally
        {
            Directory.Delete(tree, true);
        }
    }

    [Theory]
    [InlineData(new[] { "profile", "show", "nope" }, "unknown profile 'nope'")]
    [InlineData(new[] { "profile", "show", "balanced", "--model-size", "huge" }, "is not a size")]
    [InlineData(new[] { "profile", "list", "--profile-file", "/nonexistent/x.toml" }, "/nonexistent/x.toml: the file does not exist")]
    [InlineData(new[] { "audit", "--profile-file", "/nonexistent/x.toml" }, "/nonexistent/x.toml: the file does not exist")]
    public void Bad_profile_input_is_an_error_with_a_hint(string[] args, string message)
    {
        var result = Aitune.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.StartsWith("hint: ", result.Error.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_broken_profile_file_names_the_file_line_and_column()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("aitune-profile-").FullName, "broken.toml");
        File.WriteAllText(file, "name = \"broken\"\n[sysctl]\n\"vm.swappiness\" = = 1\n");
        try
        {
            var result = Aitune.Run("profile", "list", "--profile-file", file);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"error: profile {file}(3,19): ", result.Error);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, true);
        }
    }

    /// <summary>A minimal host tree (a kernel release) with two user profiles in its /etc/aitune/profiles.d.</summary>
    private static string HostTreeWithProfiles()
    {
        var tree = Directory.CreateTempSubdirectory("aitune-profiles-").FullName;
        Directory.CreateDirectory(Path.Combine(tree, "proc/sys/kernel"));
        File.WriteAllText(Path.Combine(tree, "proc/sys/kernel/osrelease"), "6.8.0-51-generic\n");
        var profiles = Directory.CreateDirectory(Path.Combine(tree, "etc/aitune/profiles.d")).FullName;
        File.WriteAllText(Path.Combine(profiles, "gpu-box.toml"), "name = \"gpu-box\"\ndescription = \"our GPU servers\"\ninclude = [\"inference-throughput\"]\n");
        File.WriteAllText(Path.Combine(profiles, "balanced.toml"), "name = \"balanced\"\ndescription = \"site balanced\"\ninclude = [\"base\"]\n");
        return tree;
    }
}
