using AiTune.Lab.Image;

namespace AiTune.Lab.Qemu;

/// <summary>
/// Whether KVM runs an ordinary guest here, found by running one: /dev/kvm answering its API (<see cref="KvmProbe"/>)
/// is not enough. Some hosts offer a KVM that runs only guests made for it: the paravirtual PVM of nested cloud
/// machines answers KVM_GET_API_VERSION with 12, runs the firmware, and then stops a stock kernel at its first
/// privileged instruction, so the guest hangs until the watchdog (found on a Firecracker VM with kvm-pvm: every
/// boot used the whole timeout). The check boots the lab's first kernel under KVM with an empty initramfs: with
/// panic=-1 and -no-reboot, a kernel that runs prints its panic (no root file system) and QEMU exits, in about a
/// second; one that does not run says nothing until the deadline.
/// </summary>
public static class KvmGuestCheck
{
    /// <summary>Far above what a kernel under KVM needs to reach its root-mount panic (about a second), far below a
    /// lab's watchdog.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private const int MemoryMiB = 256;

    /// <summary>Boots <paramref name="kernelImage"/> once under KVM; usable when the guest's kernel ran to its panic and
    /// QEMU exited by itself within <see cref="Deadline"/>.</summary>
    public static KvmAvailability Run(QemuBinary qemu, string kernelImage, CancellationToken cancellation) =>
        Run(qemu, kernelImage, Accelerator.Kvm, Deadline, cancellation);

    /// <summary>The same boot under <paramref name="accelerator"/>: under TCG, the tests' proof that a kernel with the
    /// empty initramfs does run to its panic and make QEMU exit.</summary>
    internal static KvmAvailability Run(QemuBinary qemu, string kernelImage, Accelerator accelerator, TimeSpan limit, CancellationToken cancellation)
    {
        using var work = LabWorkDirectory.Create();
        string initrd = work.File("kvm-check.cpio");
        using (var file = File.Create(initrd))
        using (var cpio = new CpioWriter(file))
        {
            cpio.Finish(); // an empty archive: no /init, so the kernel panics as soon as it looks for one
        }

        var machine = new GuestMachine(kernelImage, initrd, work.File("kvm-check-console.log"), work.File("kvm-check-results.bin"), 1, MemoryMiB,
            accelerator, LabMeasure.Time, []);
        var outcome = QemuRunner.RunAsync(QemuCommandLine.Build(qemu, machine), machine.ConsoleLog, limit, cancellation).GetAwaiter().GetResult();
        return Judge(outcome, limit);
    }

    /// <summary>The verdict on the check boot's outcome.</summary>
    public static KvmAvailability Judge(QemuRunOutcome outcome, TimeSpan deadline)
    {
        const string Hint = "use --accel tcg (and --measure instructions), or run the lab on a host whose /dev/kvm runs ordinary guests";
        bool kernelRan = BootHealth.HasKernelMessage(outcome.Console);
        return outcome.Exit switch
        {
            QemuExit.PoweredOff when kernelRan => KvmAvailability.Available,
            QemuExit.TimedOut => new KvmAvailability(false,
                $"a guest kernel under KVM did not reach its first panic within {deadline.TotalSeconds:0} s " +
                (kernelRan ? "(it started, then stopped making progress)" : "(it printed nothing)") +
                ": this host's KVM does not run ordinary guests (a paravirtual KVM such as kvm-pvm runs only kernels made for it)",
                Hint),
            QemuExit.Crashed => new KvmAvailability(false,
                $"QEMU could not run a guest under KVM (exit code {outcome.ExitCode}): {QemuLocator.FirstLine(outcome.QemuMessages)}", Hint),
            _ => new KvmAvailability(false,
                "a guest under KVM exited without its kernel printing anything: the kernel did not run", Hint),
        };
    }
}
