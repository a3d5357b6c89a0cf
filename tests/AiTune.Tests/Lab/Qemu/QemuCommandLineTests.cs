using AiTune.Lab.Qemu;

namespace AiTune.Tests.Lab.Qemu;

public class QemuCommandLineTests
{
    private static readonly QemuBinary Qemu = new("/usr/bin/qemu-system-x86_64", new Version(7, 2, 22), QemuTarget.X64);

    private static GuestMachine Machine(Accelerator accelerator, LabMeasure measure, params string[] extra) =>
        new("/lab/vmlinuz", "/lab/initrd.cpio", "/lab/console.log", "/lab/results.bin", 2, 1024, accelerator, measure, extra);

    private const string Fatal = "console=ttyS0 loglevel=3 printk.time=1 panic=-1 oops=panic softlockup_panic=1 rdinit=/init norandmaps aitune.lab=1";

    private static string[] Tail(string append) =>
    [
        "-smp", "?", "-m", "1024M", "-display", "none", "-vga", "none", "-monitor", "none", "-nic", "none", "-no-reboot",
        "-kernel", "/lab/vmlinuz", "-initrd", "/lab/initrd.cpio", "-append", append,
        "-chardev", "file,id=console,path=/lab/console.log", "-serial", "chardev:console",
        "-device", "virtio-serial-pci",
        "-chardev", "file,id=results,path=/lab/results.bin",
        "-device", "virtserialport,chardev=results,name=aitune.results",
    ];

    private static string[] Expected(string[] accel, int cpus, string append)
    {
        var tail = Tail(append);
        tail[1] = cpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ["-nodefaults", "-no-user-config", "-machine", "q35", .. accel, .. tail];
    }

    [Fact]
    public void Time_under_kvm_is_the_host_cpu_with_every_vcpu_and_no_clocksource_pin()
    {
        var command = QemuCommandLine.Build(Qemu, Machine(Accelerator.Kvm, LabMeasure.Time));

        Assert.Equal(Expected(["-accel", "kvm", "-cpu", "host"], 2, Fatal), command.Arguments);
        Assert.Equal("/usr/bin/qemu-system-x86_64", command.Executable);
        Assert.Null(command.ClocksourcePin);
        Assert.Equal(2, command.Cpus);
    }

    [Fact]
    public void Time_under_tcg_is_multi_threaded_with_the_tsc_pinned()
    {
        var command = QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Time));

        Assert.Equal(Expected(["-accel", "tcg,thread=multi", "-cpu", "max"], 2, Fatal + " tsc=reliable"), command.Arguments);
        Assert.Equal("tsc=reliable", command.ClocksourcePin);
        Assert.Equal(Fatal + " tsc=reliable", command.KernelCommandLine);
    }

    [Fact]
    public void Instructions_count_with_icount_on_one_vcpu_whatever_was_asked()
    {
        var command = QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Instructions, "preempt=full"));

        Assert.Equal(
            Expected(["-accel", "tcg", "-icount", "shift=0,sleep=off,align=off", "-cpu", "max"], 1, Fatal + " tsc=reliable preempt=full"),
            command.Arguments);
        Assert.Equal(1, command.Cpus);
    }

    [Fact]
    public void Instructions_under_kvm_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => QemuCommandLine.Build(Qemu, Machine(Accelerator.Kvm, LabMeasure.Instructions)));

        Assert.Contains("TCG", error.Message);
    }

    [Fact]
    public void There_is_no_network_display_or_monitor_and_no_shell_string()
    {
        var arguments = QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Time)).Arguments;

        Assert.DoesNotContain(arguments, a => a.Contains("netdev", StringComparison.Ordinal) || a.Contains("virtio-net", StringComparison.Ordinal));
        Assert.Contains("-nodefaults", arguments);
        Assert.DoesNotContain("microvm", arguments);
        Assert.Equal("none", arguments[arguments.ToList().IndexOf("-nic") + 1]);
    }

    [Fact]
    public void Commas_in_a_path_are_doubled_inside_option_lists()
    {
        var machine = Machine(Accelerator.Tcg, LabMeasure.Time) with { ResultsFile = "/tmp/a,b/results.bin" };

        var arguments = QemuCommandLine.Build(Qemu, machine).Arguments;

        Assert.Contains("file,id=results,path=/tmp/a,,b/results.bin", arguments);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("quote\"d")]
    [InlineData("init=/bin/sh")]
    [InlineData("rdinit=/bin/sh")]
    [InlineData("--")]
    [InlineData("")]
    public void A_caller_word_that_is_not_one_safe_kernel_argument_is_refused(string word)
    {
        Assert.Throws<AiTuneException>(() => QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Time, word)));
    }

    [Fact]
    public void A_command_line_longer_than_the_kernel_keeps_is_refused()
    {
        var words = Enumerable.Range(0, 300).Select(i => $"aitune.pad{i}=1").ToArray();

        var error = Assert.Throws<AiTuneException>(() => QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Time, words)));

        Assert.Contains("2047", error.Message);
    }

    [Fact]
    public void Too_little_memory_is_refused_with_a_hint()
    {
        var error = Assert.Throws<AiTuneException>(() => QemuCommandLine.Build(Qemu, Machine(Accelerator.Tcg, LabMeasure.Time) with { MemoryMiB = 64 }));

        Assert.Contains("--memory", error.Hint);
    }

    [Fact]
    public void An_arm64_host_boots_the_virt_machine_with_its_own_console()
    {
        var arm = Qemu with { Path = "/usr/bin/qemu-system-aarch64", Target = QemuTarget.Arm64 };

        var command = QemuCommandLine.Build(arm, Machine(Accelerator.Kvm, LabMeasure.Time));

        Assert.Equal("virt", command.Arguments[3]);
        Assert.StartsWith("console=ttyAMA0 ", command.KernelCommandLine);
    }

    [Fact]
    public void The_display_form_quotes_the_appended_command_line()
    {
        var command = QemuCommandLine.Build(Qemu, Machine(Accelerator.Kvm, LabMeasure.Time));

        Assert.Contains($"-append '{Fatal}' ", command.Display());
    }
}
