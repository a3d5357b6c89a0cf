namespace AiTune.Lab.Guest;

/// <summary>/aitune/lab.json: what the host asks the guest to do, written into the initramfs by the image builder.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Payload">Which payload to run ("identify"; the suites later).</param>
/// <param name="Seed">The seed for anything random the payload does, so a round can be repeated.</param>
public sealed record LabSettings(int SchemaVersion, string Payload, long Seed)
{
    public const string GuestPath = "/aitune/lab.json";

    public const int CurrentSchemaVersion = 1;

    /// <summary>The most bytes of lab.json read (it is a few dozen).</summary>
    public const int MaxBytes = 64 << 10;
}
