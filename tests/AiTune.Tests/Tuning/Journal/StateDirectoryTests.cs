using System.Diagnostics;
using AiTune.Tuning.Journal;

namespace AiTune.Tests.Tuning.Journal;

public sealed class StateDirectoryTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-state-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void The_lock_is_exclusive_and_released_on_dispose()
    {
        var state = new StateDirectory(Path.Join(scratch, "state"));
        var held = state.Lock();
        var error = Assert.Throws<AiTuneException>(() => state.Lock());
        Assert.Contains("another aitune is applying or rolling back", error.Message);
        held.Dispose();
        using var again = state.Lock();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Path));
    }

    /// <summary>The lock is flock(2) itself, so it holds against other programs too: flock(1) holding it makes
    /// aitune refuse, and it is free again when that process ends.</summary>
    [Fact]
    public void A_flock_held_by_another_process_is_respected()
    {
        var state = new StateDirectory(Path.Join(scratch, "state"));
        state.Lock().Dispose();
        var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", state.LockPath, "cat"]) { RedirectStandardInput = true })!;
        try
        {
            // flock(1) takes the lock, then forks cat: a child means the lock is held. Bounded, so a flock that
            // never gets it fails the test instead of hanging it.
            for (int tries = 0; File.ReadAllText($"/proc/{holder.Id}/task/{holder.Id}/children").Length == 0; tries++)
            {
                Assert.True(tries < 10_000 && !holder.HasExited, "flock(1) did not take the lock");
                Thread.Sleep(1);
            }

            Assert.Throws<AiTuneException>(() => state.Lock());
        }
        finally
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
        }

        using var free = state.Lock();
        Assert.Equal(0, holder.ExitCode);
    }
    /// <summary>A directory of another user's is refused for reading as for writing: whoever owns it decides what
    /// rollback writes into the kernel. (A directory of root's is trusted for reading by any user: the tuning
    /// collector under aitune serve's unit, tested end to end with setpriv in MetricsCommandTests.)</summary>
    [Fact]
    public void A_state_directory_of_another_users_is_refused_for_reading_and_writing()
    {
        Assert.True(AiTune.Tuning.Writing.DurableFiles.IsRoot, "giving the directory to nobody needs root (CI runs as root)");
        var state = new StateDirectory(Path.Join(scratch, "state"));
        state.EnsureSecure();
        File.WriteAllText(state.JournalPath, "");
        using (var chown = Process.Start("chown", ["-R", "65534:65534", state.Path])!)
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var reading = Assert.Throws<AiTuneException>(() => state.OpenJournal());
        var writing = Assert.Throws<AiTuneException>(() => state.Lock());

        Assert.Equal($"the state directory {state.Path} belongs to uid 65534, not to uid 0", reading.Message);
        Assert.Equal(reading.Message, writing.Message);
    }
}
