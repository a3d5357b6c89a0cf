using System.Globalization;
using AiTune.Tuning.Writing;

namespace AiTune.Tuning.Transactions;

/// <summary>
/// Test hook for crash consistency: with AITUNE_TEST_KILL_AT_STEP=N the process sends itself SIGKILL right after
/// its Nth durable step (a journal record made durable, a kernel file or a persistence file written), which is
/// how the tests prove that recovery restores the host from every point of an apply or a rollback. Killing
/// itself is all the hook can do, so leaving it in the shipped binary costs nothing.
/// </summary>
public sealed class CrashPoint
{
    public const string Variable = "AITUNE_TEST_KILL_AT_STEP";

    private readonly int? killAt;
    private readonly Action stop;
    private int step;

    private CrashPoint(int? killAt)
        : this(killAt, KillSelf)
    {
    }

    /// <summary>Stops at the <paramref name="killAt"/>th durable step with <paramref name="stop"/> instead of
    /// SIGKILL: unit tests drive the engine inside the test process, which a kill would end, so they throw.</summary>
    internal CrashPoint(int? killAt, Action stop)
    {
        this.killAt = killAt;
        this.stop = stop;
    }

    public static CrashPoint None { get; } = new(null);

    public static CrashPoint FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? new CrashPoint(n)
            : None;

    /// <summary>Marks a durable step as done.</summary>
    public void Passed()
    {
        if (killAt is null)
        {
            return;
        }

        step++;
        if (step == killAt)
        {
            stop();
        }
    }

    private static void KillSelf()
    {
        Console.Error.Flush();
        DurableFiles.KillSelf();
    }
}
