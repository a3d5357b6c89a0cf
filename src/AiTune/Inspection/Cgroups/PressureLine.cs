namespace AiTune.Inspection.Cgroups;

/// <summary>One line of a pressure file: share of time stalled, in percent, over 10, 60 and 300 seconds.</summary>
/// <param name="TotalUs">Total stall time in microseconds since boot.</param>
public sealed record PressureLine(double Avg10, double Avg60, double Avg300, long TotalUs);
