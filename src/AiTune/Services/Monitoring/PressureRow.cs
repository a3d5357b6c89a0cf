namespace AiTune.Services.Monitoring;

/// <summary>The pressure stall of one resource over the last interval, as a share of wall time (0–1): how long at
/// least one task (some) or every non-idle task (full) waited on it. Null where it cannot be said: the kernel did not
/// report it in one of the two samples, the counter went back (a reboot), or there is only one sample.</summary>
public sealed record PressureRow(string Resource, double? Some, double? Full);
