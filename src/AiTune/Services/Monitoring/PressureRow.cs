namespace AiTune.Services.Monitoring;

/// <summary>The pressure stall of one resource over the last interval, as a share of wall time (0–1): how long at
/// least one task (some) or every non-idle task (full) waited on it. Null where it cannot be said: the kernel did not
/// report it in one of the two samples, the counter went back (a reboot), or there is only one sample.</summary>
/// <param name="Reported">Whether the latest sample holds any series of the resource: false on a kernel without it
/// (/proc/pressure/irq needs CONFIG_IRQ_TIME_ACCOUNTING) or when the pressure collector failed.</param>
public sealed record PressureRow(string Resource, double? Some, double? Full, bool Reported = true);
