using System.Globalization;

namespace AiTune.Lab.Qemu;

/// <summary>Builds the QEMU command line of a lab guest. No network at all, no display, no monitor, no default
/// devices, no user configuration files: only the kernel, the initramfs, the serial console on a host file and one
/// virtio-serial port for the results, so nothing on the host but those two files is reachable from the guest.</summary>
public static class QemuCommandLine
{
    /// <summary>The name the guest looks for under /sys/class/virtio-ports/*/name.</summary>
    public const string ResultsPortName = Guest.ResultsPortLocator.PortName;

    /// <summary>-icount shift=0: one guest instruction advances the virtual clock by 2^0 ns; sleep=off: idle time is
    /// skipped rather than waited out in real time; align=off: the virtual clock is not slowed to the host's.</summary>
    public const string InstructionCounting = "shift=0,sleep=off,align=off";

    public const int MinimumMemoryMiB = 128;

    public static QemuCommand Build(QemuBinary qemu, GuestMachine machine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(machine.Cpus, 1, nameof(machine));
        if (machine.MemoryMiB < MinimumMemoryMiB)
        {
            throw new AiTuneException($"a lab guest needs at least {MinimumMemoryMiB} MiB of memory, not {machine.MemoryMiB} MiB",
                "pass --memory 1G or more");
        }

        if (machine.Measure == LabMeasure.Instructions && machine.Accelerator != Accelerator.Tcg)
        {
            throw new AiTuneException("the instructions measure needs TCG (-icount is an emulator feature)", "use --accel tcg or auto");
        }

        // -icount with more than one vCPU never reached init in the feasibility study: one vCPU, always.
        int cpus = machine.Measure == LabMeasure.Instructions ? 1 : machine.Cpus;
        string? clocksourcePin = ClocksourcePin(machine.Accelerator);
        string append = KernelArguments(qemu, machine.Accelerator, machine.ExtraKernelArguments);

        var arguments = new List<string>
        {
            "-nodefaults",
            "-no-user-config",
            "-machine", QemuTargets.Machine(qemu.Target),
        };
        switch (machine.Accelerator, machine.Measure)
        {
            case (Accelerator.Kvm, _):
                arguments.AddRange(["-accel", "kvm", "-cpu", "host"]);
                break;
            case (Accelerator.Tcg, LabMeasure.Instructions):
                arguments.AddRange(["-accel", "tcg", "-icount", InstructionCounting, "-cpu", "max"]);
                break;
            default:
                arguments.AddRange(["-accel", "tcg,thread=multi", "-cpu", "max"]);
                break;
        }

        arguments.AddRange(
        [
            "-smp", cpus.ToString(CultureInfo.InvariantCulture),
            "-m", machine.MemoryMiB.ToString(CultureInfo.InvariantCulture) + "M",
            "-display", "none",
            "-vga", "none",
            "-monitor", "none",
            "-nic", "none",
            "-no-reboot",
            "-kernel", machine.Kernel,
            "-initrd", machine.Initrd,
            "-append", append,
            "-chardev", "file,id=console,path=" + OptionValue(machine.ConsoleLog),
            "-serial", "chardev:console",
            "-device", "virtio-serial-pci",
            "-chardev", "file,id=results,path=" + OptionValue(machine.ResultsFile),
            "-device", "virtserialport,chardev=results,name=" + ResultsPortName,
        ]);
        return new QemuCommand(qemu.Path, arguments, append, clocksourcePin, cpus, HostCpuPin.ForThisHost(cpus, machine.Accelerator, machine.Measure));
    }

    /// <summary>The guest kernel's command line (-append) for this accelerator.</summary>
    public static string KernelArguments(QemuBinary qemu, Accelerator accelerator, IReadOnlyList<string> extra) =>
        KernelCommandLine.Build(qemu.Target, ClocksourcePin(accelerator), extra);

    private static string? ClocksourcePin(Accelerator accelerator) => accelerator == Accelerator.Tcg ? KernelCommandLine.TcgClocksourcePin : null;

    /// <summary>A value inside a QEMU option list, where a comma ends the value unless doubled.</summary>
    public static string OptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
