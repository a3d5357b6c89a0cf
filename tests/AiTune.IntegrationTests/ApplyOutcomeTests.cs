using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>apply says what really happened, in text, JSON and exit code; a profile that names a sysctl the live
/// kernel lacks is an error at plan time with the closest key.</summary>
public sealed class ApplyOutcomeTests : IDisposable
{
    private readonly ScratchHost host = new();

    public void Dispose() => host.Dispose();

    private string Profile(string name, string body)
    {
        var path = Path.Join(host.Directory, name + ".toml");
        File.WriteAllText(path, $"name = \"{name}\"\n{body}");
        return path;
    }

    [Fact]
    public void An_apply_where_everything_already_holds_exits_0_and_verify_status_and_rollback_watch_it()
    {
        // xeon-2numa-nvidia holds swappiness 60 and dirty_ratio 20.
        var held = Profile("held", "[sysctl]\n\"vm.swappiness\" = \"<=60\"\n\"vm.dirty_ratio\" = \"20\"\n");
        var before = host.Fingerprint();

        var apply = host.Run("apply", "--profile-file", held, "--profile", "held", "--no-color");

        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        Assert.Contains("already held: every knob held sets here already holds its value, so nothing was written; held is recorded as applied", apply.Output);
        Assert.Equal(before, host.Fingerprint());
        var verify = host.Run("verify", "--no-color");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("2 pass, 0 drifted", verify.Output);
        Assert.Contains("profile held applied", host.Run("status", "--no-color").Output);

        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "61\n");
        var drift = host.Run("verify", "--no-color");
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("DRIFTED sysctl:vm.swappiness  61 (wants <= 60)", drift.Output);
        Assert.Contains("it held 60 when the profile was applied", drift.Output);
        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "60\n");

        var rollback = host.Run("rollback", "--no-color");
        Assert.Equal(0, rollback.ExitCode);
        Assert.Contains("nothing to restore: the apply of held found every knob already holding its value and wrote nothing; journal archived to", rollback.Output);
        Assert.Single(Directory.GetFiles(Path.Join(host.State, "history")));
        Assert.False(File.Exists(Path.Join(host.State, "journal")));
        Assert.Equal(before, host.Fingerprint());
    }

    [Fact]
    public void An_apply_where_every_knob_is_skipped_exits_2_with_each_reason()
    {
        Directory.Delete(host.File("/sys/kernel/mm/hugepages/hugepages-1048576kB"), recursive: true);
        var gigantic = Profile("gigantic", "[hugepages]\n\"1048576kB\" = \">=4\"\n[sysctl]\n\"vm.swappiness\" = { value = \"<=10\", when = { numa_nodes = 1 } }\n");
        var before = host.Fingerprint();

        var apply = host.Run("apply", "--profile-file", gigantic, "--profile", "gigantic", "--no-color");

        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("  skipped  hugepages:1048576kB  this CPU and kernel offer no 1048576kB huge pages (sizes: 2048kB)\n", apply.Output);
        Assert.Contains("  skipped  sysctl:vm.swappiness  numa_nodes is 2; the setting applies when numa_nodes is 1\n", apply.Output);
        Assert.Contains("nothing applicable: every knob of gigantic was skipped on this host", apply.Output);
        Assert.DoesNotContain("nothing to do", apply.Output);
        Assert.StartsWith("error: nothing of gigantic applies to host tree ", apply.Error);
        Assert.Contains(": all 2 knob(s) were skipped, so nothing was applied or recorded\nhint: each knob's reason is listed above", apply.Error);
        Assert.Equal(before, host.Fingerprint());
        Assert.False(File.Exists(Path.Join(host.State, "journal")));
        Assert.Equal(2, host.Run("verify").ExitCode);
    }

    [Fact]
    public void A_user_profile_naming_a_sysctl_this_kernel_lacks_is_an_error_naming_the_closest_key()
    {
        var typo = Profile("typo", "[sysctl]\n\"vm.swapiness\" = \"<=10\"\n");
        const string Expected = "error: vm.swapiness: no such sysctl on this kernel; did you mean vm.swappiness?\n";

        var plan = Aitune.Run("plan", "--profile-file", typo, "--profile", "typo");
        Assert.Equal(2, plan.ExitCode);
        Assert.StartsWith(Expected, plan.Error);
        Assert.Contains($"hint: profile typo ({typo}) names it: correct the key, or remove the setting", plan.Error);

        var show = Aitune.Run("profile", "show", "typo", "--profile-file", typo);
        Assert.Equal(2, show.ExitCode);
        Assert.StartsWith(Expected, show.Error);

        var audit = Aitune.Run("audit", "--profile", "typo", "--profile-file", typo);
        Assert.Equal(2, audit.ExitCode);
        Assert.StartsWith(Expected, audit.Error);

        var apply = Aitune.Run("apply", "--profile-file", typo, "--profile", "typo", "--state-dir", host.State);
        Assert.Equal(2, apply.ExitCode);
        Assert.StartsWith(LiveWrites.Allowed || Environment.UserName == "root" ? Expected : "error: this command changes kernel settings and needs root", apply.Error);
        Assert.False(File.Exists(Path.Join(host.State, "journal")));

        // A host tree may just not have captured the key: there the setting is planned as before.
        var onTree = host.Read("plan", "--profile-file", typo, "--profile", "typo", "--no-color");
        Assert.Equal(0, onTree.ExitCode);
        Assert.Matches(@"skip +sysctl:vm\.swapiness", onTree.Output);
    }

    [Fact]
    public void A_built_in_setting_whose_sysctl_this_kernel_lacks_stays_a_skip()
    {
        // Built-in profiles are written for many kernels; whatever this one lacks is skipped with the reason (the
        // unit tests pin the same on a host where the key is known to be absent).
        var keys = ProfileCatalog.BuiltIn.Get("hardened").Settings.Where(s => s.Knob.Kind == KnobKind.Sysctl && s.When is null).Select(s => s.Knob.Name).ToList();
        var absent = keys.Where(k => !File.Exists("/proc/sys/" + k.Replace('.', '/'))).ToList();

        var plan = Aitune.Run("plan", "--profile", "hardened", "--json");

        Assert.Equal(0, plan.ExitCode);
        Assert.Equal("", plan.Error);
        using var document = JsonDocument.Parse(plan.Output);
        var changes = document.RootElement.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
        Assert.All(absent, key =>
        {
            Assert.Equal("skip", changes["sysctl:" + key].GetProperty("action").GetString());
            Assert.StartsWith($"this kernel has no {key} (/proc/sys/{key.Replace('.', '/')}", changes["sysctl:" + key].GetProperty("reason").GetString());
        });
        Assert.All(keys.Except(absent), key => Assert.DoesNotContain("this kernel has no", changes["sysctl:" + key].GetProperty("reason").GetString()));
    }
}
