using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>Puts the host on one side or the other of a closed loop: applies the profile (a journaled transaction) or
/// rolls it back. Both are cheap next to a benchmark run, which is what lets the loop interleave its rounds.</summary>
public interface IProfileSwitch
{
    /// <summary>The profile (or combination) being tried.</summary>
    string Profile { get; }

    /// <param name="persist">Also write the persistence files (the final apply of a kept profile with --persist).</param>
    ApplyReport Apply(bool persist);

    RollbackReport Rollback();
}
