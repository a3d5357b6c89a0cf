using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>
/// PID 1 of a lab guest keeps transparent huge pages out of its own memory (PR_SET_THP_DISABLE) from its first
/// step, so that its fork, which the kernel suite times, copies the same page tables in every boot.
/// </summary>
/// <remarks>
/// fork copies one entry per huge page and 512 per 2 MiB of base pages, and exit frees them the same way, so the
/// instructions of aitune's fork follow how many of its ranges THP backs. With THP "always" (Debian's default) that
/// is decided by timing: a range is a huge page when the mapping already covered it at the first fault, or once
/// khugepaged reached it. Two boots of one 6.12 kernel forked with one or two huge pages in the .NET heap, 2.26 and
/// 2.07 million instructions (9 % apart), and an A/A comparison called that a regression. Collapsing every range
/// into huge pages first (MADV_COLLAPSE) was tried and still left 14 % between boots: which ranges hold memory at
/// all moves with the heap. With base pages only, a range costs what its touched pages cost, which varies little.
/// Only this process and its children are affected: the kernel's THP mode, which the guest's audit reports, is
/// untouched, and <see cref="Leave"/> lets huge pages back for suites that measure them.
/// </remarks>
public static class BasePagesOnly
{
    /// <summary>Keeps huge pages out of this process; null when done, else why not, for the console.</summary>
    public static string? Enter() => Set(1);

    /// <summary>Lets huge pages back for memory touched from now on (the memory suite's THP case needs them); the
    /// pages already touched stay base pages.</summary>
    public static string? Leave() => Set(0);

    private static string? Set(nuint disable) =>
        Posix.Prctl(Posix.PrSetThpDisable, disable, 0, 0, 0) == 0
            ? null
            : $"prctl(PR_SET_THP_DISABLE, {disable}) failed: {Posix.Describe(Posix.LastError)}";
}
