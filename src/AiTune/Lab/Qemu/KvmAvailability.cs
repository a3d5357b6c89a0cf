namespace AiTune.Lab.Qemu;

/// <summary>Whether /dev/kvm can run a guest, and if not, why (in words a user can act on).</summary>
/// <param name="Usable">True when /dev/kvm opened read-write and answered KVM_GET_API_VERSION with 12.</param>
/// <param name="Reason">Why it is not usable; null when it is.</param>
/// <param name="Hint">What to do about it; null when it is usable.</param>
public sealed record KvmAvailability(bool Usable, string? Reason, string? Hint)
{
    public static KvmAvailability Available { get; } = new(true, null, null);
}
