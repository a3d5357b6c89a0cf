namespace AiTune.Inspection.Kernel;

/// <summary>The kernel branch against kernel.org's table of longterm branches.</summary>
/// <param name="Branch">"6.12".</param>
/// <param name="IsLongterm">The branch is (or was) a kernel.org longterm branch.</param>
/// <param name="EndOfLife">Projected end of life of a longterm branch.</param>
/// <param name="EndOfLifePassed">The end of life is before the moment the host was seen.</param>
/// <param name="TableDate">When the shipped table was last checked against kernel.org.</param>
public sealed record LongtermStatus(string Branch, bool IsLongterm, DateOnly? EndOfLife, bool EndOfLifePassed, DateOnly TableDate);
