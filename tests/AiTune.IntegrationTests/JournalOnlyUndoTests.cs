using System.Text;
using AiTune.IntegrationTests.Support;
using AiTune.Tuning.Journal;

namespace AiTune.IntegrationTests;

/// <summary>Undo depends on nothing but the journal: rollback, status and verify load no profile file, and a torn or
/// checksum-failing last record is a write that never happened.</summary>
public sealed class JournalOnlyUndoTests : IDisposable
{
    private readonly ScratchHost host = new();

    public void Dispose() => host.Dispose();

    private string JournalPath => Path.Join(host.State, "journal");

    [Fact]
    public void After_applying_a_profile_file_that_is_gone_and_with_a_broken_profiles_d_status_verify_and_rollback_still_work()
    {
        var before = host.Fingerprint();
        var site = Path.Join(host.Directory, "site.toml");
        File.WriteAllText(site, "name = \"site\"\ninclude = [\"inference-throughput\"]\n[sysctl]\n\"vm.dirty_ratio\" = \"<=10\"\n");
        var apply = host.Run("apply", "--profile-file", site, "--profile", "site", "--persist", "--no-color");
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        var applied = host.Fingerprint();

        File.Delete(site);
        Directory.CreateDirectory(host.File("/etc/aitune/profiles.d"));
        File.WriteAllText(host.File("/etc/aitune/profiles.d/broken.toml"), "name = \"broken\"\n[sysctl\n");

        var status = host.Run("status", "--no-color");
        Assert.True(status.ExitCode == 0, status.Output + status.Error);
        Assert.Contains("profile site applied", status.Output);
        Assert.Contains("0 drifted", status.Output);
        var verify = host.Run("verify", "--no-color");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("pass    sysctl:vm.dirty_ratio  10 (wants <= 10, aitune wrote 10)", verify.Output);
        Assert.Equal(applied, host.Fingerprint().Where(f => !f.Key.StartsWith("etc/aitune", StringComparison.Ordinal)).ToDictionary());

        // The commands that load profiles report the broken file.
        var plan = host.Read("plan", "--profile", "inference-throughput");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("/etc/aitune/profiles.d/broken.toml", plan.Error);

        var rollback = host.Run("rollback", "--no-color");
        Assert.True(rollback.ExitCode == 0, rollback.Output + rollback.Error);
        Directory.Delete(host.File("/etc/aitune"), recursive: true);
        Assert.Equal(before, host.Fingerprint());
    }

    [Fact]
    public void A_journal_written_before_the_resolved_profile_was_recorded_is_judged_by_the_profile_files()
    {
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput").ExitCode);
        // As an older aitune wrote it: the begin record without settings and held values.
        var records = JournalFile.Open(JournalPath)!.Records.ToList();
        records[0] = records[0] with { Settings = null, Held = null };
        File.WriteAllText(JournalPath, string.Concat(records.Select(JournalFile.Format)));
        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "60\n");

        var verify = host.Run("verify", "--no-color");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("DRIFTED sysctl:vm.swappiness  60 (wants <= 10, aitune wrote 10)", verify.Output);
        Assert.Equal(0, host.Run("rollback").ExitCode);
    }

    /// <summary>A real apply's last record (its commit) cut at every byte: each time the journal reads as an apply
    /// that never committed, every command works, and the host ends exactly as before, never in between.</summary>
    [Fact]
    public void A_last_record_cut_at_any_byte_is_a_commit_that_never_happened()
    {
        var before = host.Fingerprint();
        for (int cut = 0; ; cut++)
        {
            Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput").ExitCode);
            var journal = File.ReadAllBytes(JournalPath);
            int lastLine = Array.LastIndexOf(journal, (byte)'\n', journal.Length - 2) + 1;
            if (lastLine + cut >= journal.Length)
            {
                Assert.True(cut > 90, $"the commit record is only {cut} bytes");
                Assert.Equal(0, host.Run("rollback").ExitCode);
                break;
            }

            Assert.Contains("\"kind\":\"commit\"", Encoding.ASCII.GetString(journal, lastLine, journal.Length - lastLine));
            File.WriteAllBytes(JournalPath, journal[..(lastLine + cut)]);
            RecoversToBefore(before, $"cut at byte {cut} of the commit", statusFirst: cut % 2 == 0);
        }
    }

    [Fact]
    public void A_last_record_with_a_flipped_byte_is_a_commit_that_never_happened()
    {
        var before = host.Fingerprint();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput").ExitCode);
        var journal = File.ReadAllBytes(JournalPath);
        int lastLine = Array.LastIndexOf(journal, (byte)'\n', journal.Length - 2) + 1;
        int outcome = journal.Length - "applied\"}\n".Length;
        Assert.Equal((byte)'a', journal[outcome]);
        journal[outcome] = (byte)'A';
        File.WriteAllBytes(JournalPath, journal);
        Assert.Contains("checksum mismatch", JournalFile.Open(JournalPath)!.TornTail!.Reason);
        Assert.True(lastLine > 0);

        RecoversToBefore(before, "flipped byte", statusFirst: true);
    }

    [Fact]
    public void Damage_before_the_last_record_is_still_refused()
    {
        Assert.Equal(0, host.Run("apply", "--profile", "inference-throughput").ExitCode);
        var applied = host.Fingerprint();
        var lines = File.ReadAllLines(JournalPath);
        lines[^2] = lines[^2].Replace("\"kind\":\"written\"", "\"kind\":\"Written\"", StringComparison.Ordinal);
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");

        foreach (var command in new[] { "status", "verify", "rollback" })
        {
            var result = host.Run(command);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"is damaged at line {lines.Length - 1}: checksum mismatch", result.Error);
        }

        Assert.Equal(applied, host.Fingerprint());
    }

    /// <summary>verify before recovery (it only reads: it says the apply was interrupted), then status or rollback
    /// (either finishes the job), the other, and verify again; then the host is as before and every journal reads
    /// strictly, nothing torn left in it.</summary>
    private void RecoversToBefore(Dictionary<string, string> before, string what, bool statusFirst)
    {
        var history = Path.Join(host.State, "history");
        var archivedBefore = Directory.Exists(history) ? Directory.GetFiles(history).ToHashSet() : [];
        var verify = host.Run("verify");
        Assert.True(verify.ExitCode == 2, $"{what}: {verify.Output}{verify.Error}");
        Assert.StartsWith("error: an apply of inference-throughput was interrupted", verify.Error);

        foreach (var command in statusFirst ? new[] { "status", "rollback" } : ["rollback", "status"])
        {
            var result = host.Run(command, "--no-color");
            Assert.True(result.ExitCode == 0, $"{what}, {command}: {result.Output}{result.Error}");
        }

        Assert.Equal(before, host.Fingerprint());
        Assert.StartsWith("error: no profile is applied on this host", host.Run("verify").Error);
        Assert.False(File.Exists(JournalPath), what);
        var archivedNow = Directory.GetFiles(history).Where(f => !archivedBefore.Contains(f)).ToList();
        Assert.Single(archivedNow);
        foreach (var archived in archivedNow)
        {
            var journal = JournalFile.Open(archived)!;
            Assert.Null(journal.TornTail);
            Assert.Equal(TransactionPhase.RolledBack, JournalState.Of(journal.Records).Phase);
        }
    }
}
