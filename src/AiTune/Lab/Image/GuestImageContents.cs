namespace AiTune.Lab.Image;

/// <summary>What goes into a lab guest's initramfs.</summary>
/// <param name="InitBinary">The host path of the program that runs as PID 1 (/init): aitune itself.</param>
/// <param name="SharedObjects">Its interpreter and libraries (<see cref="SharedLibraryClosure"/>).</param>
/// <param name="Modules">The kernel's modules to load, in load order (<see cref="KernelModuleTree.Resolve"/>).</param>
/// <param name="Settings">The payload's settings, placed at /aitune/lab.json.</param>
/// <param name="KernelConfig">The kernel's configuration, placed at /boot/config-RELEASE where an installed system has
/// it (Debian's kernels have no /proc/config.gz); empty for none.</param>
public sealed record GuestImageContents(
    string InitBinary,
    IReadOnlyList<SharedObject> SharedObjects,
    ModuleSelection Modules,
    ReadOnlyMemory<byte> Settings,
    ReadOnlyMemory<byte> KernelConfig = default);
