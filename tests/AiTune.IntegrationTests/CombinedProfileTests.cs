using System.Text.Json;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests;

/// <summary>Combined profiles end to end: settings one value satisfies together combine into that value, skipped
/// settings conflict with nothing, contradictions are refused, and plan and audit name the same conflicts. And the
/// one huge pages guard, --max-hugepages-share, for model-sized pools.</summary>
public sealed class CombinedProfileTests : IDisposable
{
    private readonly ScratchHost host = new();

    public void Dispose() => host.Dispose();

    /// <summary>Two user profiles, a and b, with these knob tables; the options that select a+b.</summary>
    private string[] Combination(string a, string b)
    {
        File.WriteAllText(Path.Join(host.Directory, "a.toml"), "name = \"a\"\n" + a);
        File.WriteAllText(Path.Join(host.Directory, "b.toml"), "name = \"b\"\n" + b);
        return ["--profile-file", Path.Join(host.Directory, "a.toml"), "--profile-file", Path.Join(host.Directory, "b.toml"), "--profile", "a+b"];
    }

    [Fact]
    public void Madvise_and_always_or_madvise_do_not_conflict_and_the_plan_sets_madvise()
    {
        File.WriteAllText(host.File("/sys/kernel/mm/transparent_hugepage/enabled"), "[always] madvise never\n");
        var options = Combination("[thp]\nenabled = \"madvise\"\n", "[thp]\nenabled = \"always|madvise\"\n");

        var plan = host.Read(["plan", .. options, "--json"]);

        Assert.Equal(0, plan.ExitCode);
        var change = Change(plan.Output, "thp:enabled");
        Assert.Equal("set", change.GetProperty("action").GetString());
        Assert.Equal("madvise", change.GetProperty("expected").GetString());
        Assert.Equal("madvise", change.GetProperty("target").GetString());
        Assert.Equal("a+b", change.GetProperty("profile").GetString());
        Assert.Equal(0, Document(plan.Output).GetProperty("profileConflicts").GetArrayLength());

        var apply = host.Run(["apply", .. options, "--no-color"]);
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        Assert.Equal("madvise", File.ReadAllText(host.File("/sys/kernel/mm/transparent_hugepage/enabled")).Trim());
        Assert.Equal(0, host.Run("verify").ExitCode);
    }

    [Fact]
    public void Two_lower_bounds_combine_into_the_higher_one()
    {
        var options = Combination("[sysctl]\n\"net.core.somaxconn\" = \">=8192\"\n", "[sysctl]\n\"net.core.somaxconn\" = \">=16384\"\n");

        var change = Change(host.Read(["plan", .. options, "--json"]).Output, "sysctl:net.core.somaxconn");

        Assert.Equal("set", change.GetProperty("action").GetString());
        Assert.Equal(">= 16384", change.GetProperty("expected").GetString());
        Assert.Equal("16384", change.GetProperty("target").GetString());
    }

    [Fact]
    public void A_setting_skipped_on_this_host_conflicts_with_nothing()
    {
        // xeon-2numa-nvidia has two NUMA nodes: a's setting does not apply, b's does.
        var options = Combination("[sysctl]\n\"vm.swappiness\" = { value = \"0\", when = { numa_nodes = 1 } }\n", "[sysctl]\n\"vm.swappiness\" = \"<=10\"\n");

        var plan = host.Read(["plan", .. options, "--json"]);
        var audit = host.Read(["audit", .. options, "--json"]);

        var change = Change(plan.Output, "sysctl:vm.swappiness");
        Assert.Equal("set", change.GetProperty("action").GetString());
        Assert.Equal("10", change.GetProperty("target").GetString());
        Assert.Equal("b", change.GetProperty("profile").GetString());
        Assert.Equal(0, Document(plan.Output).GetProperty("profileConflicts").GetArrayLength());
        Assert.Equal(0, Document(audit.Output).GetProperty("profileConflicts").GetArrayLength());
    }

    [Fact]
    public void Contradicting_settings_are_refused_and_plan_and_audit_name_the_same_conflict()
    {
        var options = Combination("[sysctl]\n\"vm.swappiness\" = \"0\"\n", "[sysctl]\n\"vm.swappiness\" = \">=10\"\n");
        const string Conflict = "sysctl:vm.swappiness: a wants 0; b wants >= 10";

        var plan = host.Read(["plan", .. options, "--json"]);
        var audit = host.Read(["audit", .. options, "--json"]);
        var apply = host.Run(["apply", .. options]);

        Assert.Equal("refused", Change(plan.Output, "sysctl:vm.swappiness").GetProperty("action").GetString());
        Assert.Equal([Conflict], Document(plan.Output).GetProperty("profileConflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([Conflict], Document(audit.Output).GetProperty("profileConflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("the plan refuses 1 change(s): sysctl:vm.swappiness: the combined profiles disagree on this knob", apply.Error);
        Assert.Equal("60", File.ReadAllText(host.File("/proc/sys/vm/swappiness")).Trim());
    }

    /// <summary>kvm-hardened holds no huge pages and 16370580 kB of memory: 6795 pages of 2 MiB are 85% of it.</summary>
    [Fact]
    public void A_model_needing_85_percent_of_memory_plans_under_a_90_percent_share_and_is_refused_under_the_default()
    {
        using var kvm = new ScratchHost("kvm-hardened");
        var profile = Path.Join(kvm.Directory, "pool.toml");
        File.WriteAllText(profile, "name = \"pool\"\n[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 0 }\n");
        string[] options = ["--profile-file", profile, "--profile", "pool", "--model-size", (6795L * 2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"];

        var allowed = Change(kvm.Read(["plan", .. options, "--max-hugepages-share", "90"]).Output, "hugepages:2048kB");
        var refused = Change(kvm.Read(["plan", .. options]).Output, "hugepages:2048kB");
        var apply = kvm.Run(["apply", .. options]);

        Assert.Equal("set", allowed.GetProperty("action").GetString());
        Assert.Equal("6795", allowed.GetProperty("target").GetString());
        Assert.Equal("refused", refused.GetProperty("action").GetString());
        Assert.Equal("huge pages would hold 13.3 GiB (85% of MemTotal, 15.6 GiB), over the 80% that --max-hugepages-share allows: the rest of the host would starve; "
            + "use a smaller model or more memory, or raise --max-hugepages-share if the host can spare it", refused.GetProperty("reason").GetString());
        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("--max-hugepages-share", apply.Error);
        Assert.Equal("0", File.ReadAllText(kvm.File("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages")).Trim());
    }

    private static JsonElement Document(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonElement Change(string planJson, string id) =>
        Assert.Single(Document(planJson).GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
}
