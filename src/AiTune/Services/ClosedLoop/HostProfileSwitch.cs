using AiTune.Inspection;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>The closed loop's switch on a real host: the plan applied and rolled back as journaled transactions by
/// <see cref="HostTuner"/>, so an interrupted loop is recovered like any interrupted apply.</summary>
/// <param name="facts">The host's facts from before the loop (the plan was made from them; every rollback returns the
/// host to them).</param>
/// <param name="request">The apply request, with or without persistence.</param>
public sealed class HostProfileSwitch(HostTuner tuner, HostFacts facts, TuningPlan plan, Func<bool, ApplyRequest> request) : IProfileSwitch
{
    public string Profile => plan.Profile;

    public ApplyReport Apply(bool persist) => tuner.Apply(facts, plan, request(persist));

    public RollbackReport Rollback() => tuner.Rollback();
}
