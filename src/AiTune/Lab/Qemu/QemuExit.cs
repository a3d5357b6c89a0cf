namespace AiTune.Lab.Qemu;

/// <summary>How the QEMU process ended.</summary>
public enum QemuExit
{
    /// <summary>QEMU exited 0: the guest powered off, or rebooted (-no-reboot turns a reboot into an exit, and
    /// panic=-1 turns a panic into a reboot). Whether the payload ran is for the results channel and the boot-health
    /// gate to say.</summary>
    PoweredOff,

    /// <summary>The watchdog expired and aitune killed QEMU.</summary>
    TimedOut,

    /// <summary>QEMU exited with a non-zero code (it could not load the kernel, a device failed) or died of a signal.</summary>
    Crashed,
}
