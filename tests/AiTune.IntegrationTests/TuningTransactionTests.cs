using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>apply, verify, rollback and recovery end to end, on a copy of a captured host tree (where the kernel
/// files are plain files) and, with AITUNE_LIVE_WRITE_TESTS=1 as root, on this machine's kernel.</summary>
public sealed class TuningTransactionTests : IDisposable
{
    private readonly ScratchHost host = new();

    private string Tree => host.Tree;

    private string State => host.State;

    public void Dispose() => host.Dispose();

    [Fact]
    public void Apply_changes_the_files_verify_passes_and_rollback_restores_every_byte()
    {
        var before = host.Fingerprint();
        var apply = Aitune.Run("apply", "--root", Tree, "--state-dir", State, "--profile", "inference-throughput", "--persist", "--no-color");
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        Assert.Contains("written  sysctl:vm.swappiness", apply.Output);
        Assert.Equal("10", File.ReadAllText(Path.Join(Tree, "proc/sys/vm/swappiness")).Trim());
        var sysctlFiles = Directory.GetFiles(Path.Join(Tree, "etc/sysctl.d"), "*-aitune.conf");
        Assert.Single(sysctlFiles);
        Assert.Contains("vm.swappiness = 10", File.ReadAllText(sysctlFiles[0]));

        var again = Aitune.Run("apply", "--root", Tree, "--state-dir", State, "--profile", "inference-throughput", "--persist", "--no-color");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already held: every knob inference-throughput sets here already holds its value, so nothing was written", again.Output);

        Assert.Equal(0, Aitune.Run("verify", "--root", Tree, "--state-dir", State).ExitCode);
        File.WriteAllText(Path.Join(Tree, "proc/sys/vm/swappiness"), "60\n");
        var drift = Aitune.Run("verify", "--root", Tree, "--state-dir", State);
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("DRIFTED sysctl:vm.swappiness", drift.Output);

        var other = Aitune.Run("apply", "--root", Tree, "--state-dir", State, "--profile", "hardened");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("profile inference-throughput is applied", other.Error);

        var rollback = Aitune.Run("rollback", "--root", Tree, "--state-dir", State);
        Assert.True(rollback.ExitCode == 0, rollback.Output + rollback.Error);
        Assert.Equal(before, host.Fingerprint());
        Assert.Contains("nothing to roll back", Aitune.Run("rollback", "--root", Tree, "--state-dir", State).Output);
        Assert.Single(Directory.GetFiles(Path.Join(State, "history")));
    }

    [Fact]
    public void A_file_an_earlier_apply_wrote_and_this_one_does_not_is_removed_and_rollback_restores_every_byte()
    {
        var before = host.Fingerprint();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput", "--persist").ExitCode);
        var first = Assert.Single(Directory.GetFiles(host.File("/etc/sysctl.d"), "*-aitune.conf"));

        // A file that sorts after aitune's and sets one of its keys: the next --persist must move past it.
        File.WriteAllText(host.File("/etc/sysctl.d/95-site.conf"), "vm.swappiness = 30\n");
        var again = host.Run("apply", "--profile", "inference-throughput", "--persist", "--no-color");
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        var second = Assert.Single(Directory.GetFiles(host.File("/etc/sysctl.d"), "*-aitune.conf"));
        Assert.Equal("96-aitune.conf", Path.GetFileName(second));
        Assert.NotEqual(first, second);
        Assert.Contains("no longer written by this profile", again.Output);

        Assert.Equal(0, host.Run("rollback").ExitCode);
        File.Delete(host.File("/etc/sysctl.d/95-site.conf"));
        Assert.Equal(before, host.Fingerprint());
    }

    [Fact]
    public void Persist_skips_a_file_nothing_here_would_read_and_rollback_removes_the_directories_it_created()
    {
        Directory.Delete(host.File("/etc/default"));
        var before = host.Fingerprint();
        var profile = Path.Join(host.Directory, "site.toml");
        File.WriteAllText(profile, "name = \"site\"\ninclude = [\"inference-throughput\"]\n[cmdline]\ntransparent_hugepage = \"madvise\"\n");
        var apply = host.Run("apply", "--profile-file", profile, "--profile", "site", "--persist", "--no-color");
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        Assert.Contains("/etc/default/grub.d/90-aitune.cfg was not written: /etc/default does not exist here", apply.Output);
        Assert.False(Directory.Exists(host.File("/etc/default")));
        Assert.True(File.Exists(host.File("/etc/udev/rules.d/99-aitune.rules")));

        Assert.Equal(0, host.Run("rollback").ExitCode);
        Assert.False(Directory.Exists(host.File("/etc/udev/rules.d")));
        Assert.Equal(before, host.Fingerprint());
    }

    [Fact]
    public void A_damaged_journal_is_refused_and_the_host_is_untouched()
    {
        Assert.Equal(0, Aitune.Run("apply", "--root", Tree, "--state-dir", State, "--profile", "inference-throughput").ExitCode);
        var applied = host.Fingerprint();
        var journal = Path.Join(State, "journal");
        File.WriteAllText(journal, File.ReadAllText(journal).Replace("\"original\":\"60\"", "\"original\":\"0\""));
        var rollback = Aitune.Run("rollback", "--root", Tree, "--state-dir", State);
        Assert.Equal(2, rollback.ExitCode);
        Assert.Contains("error: the journal", rollback.Error);
        Assert.Contains("checksum mismatch", rollback.Error);
        Assert.Contains("hint:", rollback.Error);
        Assert.Equal(applied, host.Fingerprint());
    }

    [Fact]
    public void A_plan_on_a_snapshot_archive_works_and_apply_on_it_is_refused()
    {
        var plan = Aitune.Run("plan", "--root", FixturePaths.Host("kvm-hardened"), "--profile", "hardened", "--json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("\"schemaVersion\": 1", plan.Output);
        var archive = Path.Join(host.Directory, "x.tar.gz");
        File.WriteAllBytes(archive, [0x1f, 0x8b]);
        var apply = Aitune.Run("apply", "--root", archive, "--profile", "hardened");
        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("read-only", apply.Error);
    }

    /// <summary>SIGKILL after every durable step of an apply (AITUNE_TEST_KILL_AT_STEP), then recovery through
    /// status: each time the tree must be exactly as before. Then the same for a rollback.</summary>
    [Fact]
    public void Killed_at_every_step_recovery_restores_the_exact_original_state()
    {
        var before = host.Fingerprint();
        int step = 1;
        for (; step < 200; step++)
        {
            var killed = Aitune.RunProcess(step, "apply", "--root", Tree, "--state-dir", State, "--profile", "inference-throughput", "--persist");
            if (killed == 0)
            {
                break;
            }

            Assert.Equal(137, killed);
            var status = Aitune.Run("status", "--root", Tree, "--state-dir", State);
            Assert.True(status.ExitCode == 0, $"step {step}: {status.Output}{status.Error}");
            if (status.Output.Contains("profile inference-throughput applied", StringComparison.Ordinal))
            {
                // Killed after its commit record: the apply is complete, the host fully as applied.
                Assert.Contains("0 drifted", status.Output);
                break;
            }

            Assert.Equal(before, host.Fingerprint());
        }

        Assert.True(step > 10, $"apply finished after only {step} steps");
        var applied = host.Fingerprint();
        Assert.NotEqual(before, applied);
        for (int rollbackStep = 1; ; rollbackStep++)
        {
            var killed = Aitune.RunProcess(rollbackStep, "rollback", "--root", Tree, "--state-dir", State);
            var status = Aitune.Run("status", "--root", Tree, "--state-dir", State);
            Assert.Equal(0, status.ExitCode);
            if (killed == 0)
            {
                Assert.Equal(before, host.Fingerprint());
                break;
            }

            Assert.Equal(137, killed);
            Assert.Equal(before, host.Fingerprint());
            Assert.Equal(0, Aitune.RunProcess(0, "apply", "--root", Tree, "--state-dir", State, "--profile", "inference-throughput", "--persist"));
            Assert.Equal(applied.Where(f => !f.Key.Contains("sysctl.d")), host.Fingerprint().Where(f => !f.Key.Contains("sysctl.d")));
        }
    }

    [Fact]
    public void Live_apply_verify_drift_rollback_restores_this_machine()
    {
        var live = LiveWrites.Allowed;
        if (!live)
        {
            // Never write this machine's kernel without the variable: plan it (unprivileged), and as non-root
            // check that apply refuses before touching anything.
            var plan = Aitune.Run("plan", "--profile", "inference-latency");
            Assert.Equal(0, plan.ExitCode);
            Assert.Contains("aitune plan for inference-latency on this host", plan.Output);
            if (Environment.UserName != "root")
            {
                var refused = Aitune.Run("apply", "--profile", "inference-latency", "--state-dir", State);
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("needs root", refused.Error);
            }

            return;
        }

        string[] keys = ["vm.swappiness", "vm.max_map_count", "net.core.busy_poll", "net.ipv4.tcp_fastopen", "net.ipv4.tcp_slow_start_after_idle"];
        var before = keys.ToDictionary(k => k, Sysctl);
        try
        {
            var apply = Aitune.Run("apply", "--profile", "inference-latency", "--state-dir", State);
            Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
            Assert.True(long.Parse(Sysctl("vm.max_map_count")) >= 262144);
            Assert.Equal("3", Sysctl("net.ipv4.tcp_fastopen"));
            Assert.Equal(0, Aitune.Run("verify", "--state-dir", State).ExitCode);
            File.WriteAllText("/proc/sys/vm/swappiness", "33");
            var drift = Aitune.Run("verify", "--state-dir", State);
            Assert.Equal(1, drift.ExitCode);
            Assert.Contains("DRIFTED sysctl:vm.swappiness", drift.Output);
            Assert.Equal(0, Aitune.Run("rollback", "--state-dir", State).ExitCode);
            Assert.Equal(before, keys.ToDictionary(k => k, Sysctl));
        }
        finally
        {
            Aitune.Run("rollback", "--state-dir", State);
        }
    }

    /// <summary>Asks for as many huge pages as MemTotal holds, which no kernel can grant (the first gigabyte of
    /// physical memory always holds reserved ranges, and the kernel's own memory is scattered). Gigantic 1 GiB
    /// pages where the kernel has them: a partial grant of those stops at fragmentation and leaves memory free,
    /// where 2 MiB pages would be granted until memory ran out.</summary>
    [Fact]
    public void Live_huge_pages_beyond_what_the_kernel_can_grant_take_the_partial_grant_path_and_are_rolled_back()
    {
        var size = Directory.Exists("/sys/kernel/mm/hugepages/hugepages-1048576kB") ? "1048576kB" : "2048kB";
        var poolFile = $"/sys/kernel/mm/hugepages/hugepages-{size}/nr_hugepages";
        long memTotalKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        long asked = memTotalKb / long.Parse(size[..^2]);
        var profile = Path.Join(host.Directory, "pool.toml");
        File.WriteAllText(profile, $"name = \"pool\"\n[hugepages]\n\"{size}\" = \"{asked}\"\n");
        string[] options = ["--profile-file", profile, "--profile", "pool", "--max-hugepages-share", "100", "--no-color"];

        var live = LiveWrites.Allowed;
        if (!live)
        {
            var plan = Aitune.Run(["plan", .. options]);
            Assert.Equal(0, plan.ExitCode);
            Assert.Matches($@"set +hugepages:{size} +[0-9]+ +{asked}\b", plan.Output);
            return;
        }

        var before = File.ReadAllText(poolFile).Trim();
        try
        {
            var apply = Aitune.Run(["apply", .. options, "--state-dir", State]);
            Assert.True(apply.ExitCode == 2, apply.Output + apply.Error);
            Assert.Matches($"the kernel granted [0-9]+ of {asked} huge pages of {size}", apply.Output);
            Assert.Contains($"hugepagesz={(size == "2048kB" ? "2M" : "1G")} hugepages={asked}", apply.Output);
            Assert.Contains("the whole apply was rolled back", apply.Output);
            Assert.Equal(before, File.ReadAllText(poolFile).Trim());
            Assert.StartsWith("nothing to roll back", Aitune.Run("rollback", "--state-dir", State).Output, StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(poolFile, before);
        }
    }

    private static string Sysctl(string key) => File.ReadAllText("/proc/sys/" + key.Replace('.', '/')).Trim();
}
