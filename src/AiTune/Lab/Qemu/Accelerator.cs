namespace AiTune.Lab.Qemu;

/// <summary>How QEMU runs the guest's instructions.</summary>
public enum Accelerator
{
    /// <summary>Hardware virtualisation through /dev/kvm: guest code runs natively.</summary>
    Kvm,

    /// <summary>QEMU's Tiny Code Generator: every guest instruction is translated and emulated.</summary>
    Tcg,
}
