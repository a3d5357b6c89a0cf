using System.Runtime.InteropServices;

namespace AiTune.Lab.Qemu;

/// <summary>Names and machine details per target.</summary>
public static class QemuTargets
{
    /// <summary>The target for this process's architecture, or an error for one the lab does not support.</summary>
    public static QemuTarget ForHost() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => QemuTarget.X64,
        Architecture.Arm64 => QemuTarget.Arm64,
        var other => throw new AiTuneException($"the kernel lab runs on x86_64 and arm64 hosts, not {other}",
            "run the lab on an x86_64 or arm64 machine"),
    };

    public static string ExecutableName(QemuTarget target) => target switch
    {
        QemuTarget.X64 => "qemu-system-x86_64",
        QemuTarget.Arm64 => "qemu-system-aarch64",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>The Debian/Ubuntu package that has the emulator.</summary>
    public static string DebianPackage(QemuTarget target) => target switch
    {
        QemuTarget.X64 => "qemu-system-x86",
        QemuTarget.Arm64 => "qemu-system-arm",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>The kernel's name for the first serial port of the machine the lab uses.</summary>
    public static string ConsoleDevice(QemuTarget target) => target switch
    {
        QemuTarget.X64 => "ttyS0",
        QemuTarget.Arm64 => "ttyAMA0",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>q35 on x86 (a PC with PCIe, whose ACPI comes up faster than pc's under TCG; not microvm, which has no
    /// PIT or PIC to calibrate against and wedges under TCG); virt on arm64.</summary>
    public static string Machine(QemuTarget target) => target switch
    {
        QemuTarget.X64 => "q35",
        QemuTarget.Arm64 => "virt",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
