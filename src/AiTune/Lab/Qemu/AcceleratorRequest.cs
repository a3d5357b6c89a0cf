namespace AiTune.Lab.Qemu;

/// <summary>What the user asked for with <c>--accel</c>.</summary>
public enum AcceleratorRequest
{
    /// <summary>KVM when it runs a guest here (/dev/kvm answers, and a check boot reaches its kernel), TCG otherwise.</summary>
    Auto,

    /// <summary>KVM or an error that says why it cannot be had.</summary>
    Kvm,

    /// <summary>TCG even where KVM would work.</summary>
    Tcg,
}
