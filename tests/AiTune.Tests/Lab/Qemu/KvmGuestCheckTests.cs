using AiTune.Lab.Qemu;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Qemu;

/// <summary>The check that KVM runs an ordinary guest: its verdicts on each way a check boot can end, and the boot
/// itself, under TCG, with a real Debian kernel and the real QEMU.</summary>
public class KvmGuestCheckTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static QemuRunOutcome Outcome(QemuExit exit, string console, int? exitCode = 0, string messages = "") =>
        new(exit, exitCode, TimeSpan.FromSeconds(1), new HostLoad(null, null, null), messages, console);

    [Fact]
    public void A_kernel_that_ran_to_its_panic_and_let_qemu_exit_means_kvm_runs_guests()
    {
        var console = "[    0.912345] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\r\n";

        var verdict = KvmGuestCheck.Judge(Outcome(QemuExit.PoweredOff, console), Deadline);

        Assert.True(verdict.Usable);
        Assert.Null(verdict.Reason);
    }

    [Fact]
    public void A_guest_that_says_nothing_until_the_deadline_is_a_kvm_that_does_not_run_ordinary_guests()
    {
        // What kvm-pvm does with a stock kernel: the firmware's screen, then nothing.
        var verdict = KvmGuestCheck.Judge(Outcome(QemuExit.TimedOut, "\u001bc\u001b[?7l\u001b[2J", exitCode: null), Deadline);

        Assert.False(verdict.Usable);
        Assert.Equal("a guest kernel under KVM did not reach its first panic within 20 s (it printed nothing): this host's KVM does not run ordinary guests (a paravirtual KVM such as kvm-pvm runs only kernels made for it)", verdict.Reason);
        Assert.StartsWith("use --accel tcg", verdict.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_that_started_and_then_stopped_says_so()
    {
        var verdict = KvmGuestCheck.Judge(Outcome(QemuExit.TimedOut, "[    0.000000] Linux version 6.1.0\n", exitCode: null), Deadline);

        Assert.False(verdict.Usable);
        Assert.Contains("(it started, then stopped making progress)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_qemu_that_cannot_use_kvm_gives_its_own_first_line()
    {
        var verdict = KvmGuestCheck.Judge(Outcome(QemuExit.Crashed, "", 1, "\nqemu-system-x86_64: failed to initialize kvm: Permission denied\nmore\n"), Deadline);

        Assert.False(verdict.Usable);
        Assert.Equal("QEMU could not run a guest under KVM (exit code 1): qemu-system-x86_64: failed to initialize kvm: Permission denied", verdict.Reason);
    }

    [Fact]
    public void A_guest_that_exits_without_a_kernel_line_did_not_run_the_kernel()
    {
        var verdict = KvmGuestCheck.Judge(Outcome(QemuExit.PoweredOff, "SeaBIOS (version 1.16.2)\n"), Deadline);

        Assert.False(verdict.Usable);
        Assert.Contains("the kernel did not run", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_boot_runs_a_real_kernel_to_its_panic_and_qemu_exits_by_itself()
    {
        // Under TCG, where any x86-64 host can run it: the mechanism the KVM check relies on (an empty initramfs, the
        // lab's panic=-1 and -no-reboot) ends a real Debian kernel's boot, with a stamped line on the console.
        var qemu = QemuLocator.Find(QemuTargets.ForHost());
        using var scratch = new TempHostTree();
        string image = Path.Join(scratch.Directory, "vmlinuz");
        File.WriteAllBytes(image, LabKernels.Image(LabKernels.Cloud61));

        var verdict = KvmGuestCheck.Run(qemu, image, Accelerator.Tcg, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.True(verdict.Usable, verdict.Reason);
    }
}
