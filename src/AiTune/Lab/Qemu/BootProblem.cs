namespace AiTune.Lab.Qemu;

/// <summary>One problem in a guest's console log.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Line">The console line that shows it, without its timestamp, escaped for display.</param>
public sealed record BootProblem(BootProblemKind Kind, string Line);
