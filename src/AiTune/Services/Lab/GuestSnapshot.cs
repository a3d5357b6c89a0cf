using AiTune.Lab.Guest;

namespace AiTune.Services.Lab;

/// <summary>The "snapshot" payload's document: which kernel ran, and `aitune snapshot` of the guest as it booted (a
/// real kernel's /proc and /sys, its configuration at /boot/config-R), for host fixtures of real kernels.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Identity">The guest's kernel, checked by the host against the kernel it meant to boot.</param>
/// <param name="Archive">The snapshot archive (.tar.gz) as `aitune snapshot` writes it; base64 in JSON.</param>
public sealed record GuestSnapshot(int SchemaVersion, GuestIdentity Identity, byte[] Archive)
{
    public const int CurrentSchemaVersion = 1;
}
