namespace AiTune.Lab.Qemu;

/// <summary>Everything one lab guest boot needs from the caller: what to boot, where its outputs go, its size, and how
/// it is measured. The paths lie in the caller's <see cref="LabWorkDirectory"/>.</summary>
/// <param name="Kernel">The kernel image (bzImage / Image) to boot with -kernel.</param>
/// <param name="Initrd">The initramfs (newc cpio, uncompressed).</param>
/// <param name="ConsoleLog">The host file that receives the guest's serial console.</param>
/// <param name="ResultsFile">The host file behind the aitune.results virtio-serial port.</param>
/// <param name="Cpus">vCPUs (the instructions measure always uses 1).</param>
/// <param name="MemoryMiB">Guest memory in MiB.</param>
/// <param name="Accelerator">KVM or TCG, from <see cref="KvmProbe.Choose"/>.</param>
/// <param name="Measure">Time or instructions.</param>
/// <param name="ExtraKernelArguments">Kernel command-line words the caller adds (e.g. "preempt=full").</param>
public sealed record GuestMachine(
    string Kernel,
    string Initrd,
    string ConsoleLog,
    string ResultsFile,
    int Cpus,
    int MemoryMiB,
    Accelerator Accelerator,
    LabMeasure Measure,
    IReadOnlyList<string> ExtraKernelArguments);
