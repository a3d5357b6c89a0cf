using AiTune.Lab.Guest;

namespace AiTune.Services.Lab;

/// <summary>The "suites" payload's document: which kernel ran (checked by the host against the kernel it meant to
/// boot), how the guest's audit scored it, and the benchmark run it measured, in the export format `bench import`
/// reads, so the host stores it only after the same validation an imported file gets.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Identity">uname, command line, clocksource, CPUs, memory, critical kernel messages, what PID 1 did.</param>
/// <param name="AuditProfile">The profile the audit scored; null when the guest could not audit.</param>
/// <param name="AuditScore">0–100; null when the guest could not audit.</param>
/// <param name="AuditVerdict">The audit's one-line verdict, or why there is none.</param>
/// <param name="Runs">The run as `bench export` writes it (UTF-8 JSON text).</param>
public sealed record LabGuestReport(int SchemaVersion, GuestIdentity Identity, string? AuditProfile, int? AuditScore, string AuditVerdict, string Runs)
{
    public const int CurrentSchemaVersion = 1;
}
