namespace AiTune.Lab.Guest;

/// <summary>/aitune/lab.json: what the host asks the guest to do, written into the initramfs by the image builder.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Payload">Which payload to run ("identify"; the suites later).</param>
/// <param name="Seed">The seed for anything random the payload does, so a round can be repeated.</param>
/// <param name="Suites">The benchmark suites the "suites" payload runs, as `bench` names them.</param>
/// <param name="Quick">Run the suites' quick sizes.</param>
/// <param name="Profile">The profile the guest's audit scores the kernel for.</param>
/// <param name="Parameters">The lab's fingerprint of the guest (measure, accelerator, vCPUs, memory, QEMU, host CPU),
/// added to every case's workload parameters so that a compare refuses runs whose guests differ in anything but the
/// kernel.</param>
public sealed record LabSettings(int SchemaVersion, string Payload, long Seed, IReadOnlyList<string>? Suites = null, bool Quick = true,
    string? Profile = null, IReadOnlyDictionary<string, string>? Parameters = null)
{
    public const string GuestPath = "/aitune/lab.json";

    public const int CurrentSchemaVersion = 1;

    /// <summary>The most bytes of lab.json read (it is a few dozen).</summary>
    public const int MaxBytes = 64 << 10;
}
