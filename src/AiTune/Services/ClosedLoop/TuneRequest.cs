using AiTune.Services.Benchmarking;
using AiTune.Services.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>A closed loop on this host: a profile, the suites that judge it, and how to decide.</summary>
/// <param name="Target">Where the journal lives and the user's profile files; the root must be this host.</param>
/// <param name="Plan">The profile to try; its model file is also the one model-load loads.</param>
/// <param name="Suites">The suites to measure: a name, a comma list, or all.</param>
/// <param name="Measurement">The suite options as given (its model is <paramref name="Plan"/>'s).</param>
/// <param name="Settings">Runs a side, the comparison's noise band and α, busy runs, --keep, --persist.</param>
/// <param name="Database">--db: the result store; null for this user's default.</param>
/// <param name="Save">Store every run; false for --no-save.</param>
/// <param name="User">Who runs aitune, for the journal.</param>
/// <param name="Uid">The effective user id, for the journal.</param>
public sealed record TuneRequest(
    TuningTarget Target,
    PlanRequest Plan,
    string Suites,
    SuiteArguments Measurement,
    ClosedLoopSettings Settings,
    string? Database,
    bool Save,
    string User,
    int Uid);
