using AiTune.Interop;

namespace AiTune.Lab.Qemu;

/// <summary>Decides whether KVM is usable the way QEMU will use it: /dev/kvm exists, opens read-write, and speaks
/// the stable API (KVM_GET_API_VERSION = 12). Existing alone is not enough: a container may show the node without
/// the permission, and a user outside the kvm group gets EACCES.</summary>
public static class KvmProbe
{
    public const string DevicePath = "/dev/kvm";

    public static KvmAvailability Probe(string devicePath = DevicePath)
    {
        if (!File.Exists(devicePath) && !Directory.Exists(devicePath))
        {
            return new KvmAvailability(false, $"{devicePath} does not exist (no hardware virtualisation here: the CPU lacks it, the BIOS has it off, the kvm_intel/kvm_amd module is not loaded, or this is a virtual machine without nested virtualisation)",
                "load kvm_intel or kvm_amd, enable VT-x/AMD-V in the firmware, or use --accel tcg");
        }

        int fd = Posix.Open(devicePath, Posix.ORdWr | Posix.OCloExec);
        if (fd < 0)
        {
            int errno = Posix.LastError;
            string hint = errno is Posix.EACCES or Posix.EPERM
                ? "run as root or add the user to the kvm group, or use --accel tcg"
                : "check the kvm module (dmesg | grep -i kvm), or use --accel tcg";
            return new KvmAvailability(false, $"{devicePath} cannot be opened read-write: {Posix.Describe(errno)}", hint);
        }

        try
        {
            int version = Posix.Ioctl(fd, Posix.KvmGetApiVersion, 0);
            if (version != Posix.KvmApiVersion)
            {
                string answer = version < 0 ? Posix.Describe(Posix.LastError) : version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new KvmAvailability(false, $"{devicePath} answered KVM_GET_API_VERSION with {answer}, not {Posix.KvmApiVersion} (not a KVM device QEMU can use)",
                    "check what provides /dev/kvm here, or use --accel tcg");
            }
        }
        finally
        {
            Posix.Close(fd);
        }

        return KvmAvailability.Available;
    }

    /// <summary>The accelerator for <paramref name="request"/>: Auto takes KVM when usable, else TCG; Kvm refuses with
    /// the reason when it is not usable; an instructions measure needs TCG (icount is a TCG feature).</summary>
    public static Accelerator Choose(AcceleratorRequest request, LabMeasure measure, KvmAvailability kvm)
    {
        if (measure == LabMeasure.Instructions)
        {
            return request == AcceleratorRequest.Kvm
                ? throw new AiTuneException("--measure instructions runs under TCG (-icount is an emulator feature), not KVM",
                    "drop --accel kvm, or use --measure time")
                : Accelerator.Tcg;
        }

        return request switch
        {
            AcceleratorRequest.Tcg => Accelerator.Tcg,
            AcceleratorRequest.Auto => kvm.Usable ? Accelerator.Kvm : Accelerator.Tcg,
            AcceleratorRequest.Kvm when kvm.Usable => Accelerator.Kvm,
            AcceleratorRequest.Kvm => throw new AiTuneException($"--accel kvm, but KVM is not usable: {kvm.Reason}", kvm.Hint ?? "use --accel tcg"),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
    }
}
