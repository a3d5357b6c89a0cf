namespace AiTune.Services.Lab;

/// <summary>The order the lab boots its kernels in: every round boots each kernel once, and the rounds alternate
/// forwards and backwards (A B C, C B A, A B C …: mmtests' and the closed loop's ABBA), so a drift of a shared
/// machine (its load, its thermal state) falls on every kernel alike instead of on whichever runs last.</summary>
public static class LabSchedule
{
    /// <returns>(round from 1, kernel index) pairs in boot order.</returns>
    public static IReadOnlyList<(int Round, int Kernel)> Interleaved(int kernels, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var order = new List<(int, int)>(kernels * rounds);
        for (int round = 1; round <= rounds; round++)
        {
            for (int i = 0; i < kernels; i++)
            {
                order.Add((round, round % 2 == 1 ? i : kernels - 1 - i));
            }
        }

        return order;
    }
}
