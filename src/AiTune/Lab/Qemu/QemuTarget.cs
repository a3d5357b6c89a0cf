namespace AiTune.Lab.Qemu;

/// <summary>The guest architecture: the host's, since KVM can only run the host's and the lab compares kernels for
/// this machine.</summary>
public enum QemuTarget
{
    X64,
    Arm64,
}
