using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Cpu;

namespace AiTune.Inspection.Virtualization;

/// <summary>Reads what the host shows of a hypervisor and lets <see cref="HypervisorDetector"/> decide. Only DMI
/// fields that name makers and products are read: never product_serial, product_uuid or board_serial (personal data),
/// nor the asset tags.</summary>
public static class VirtualizationInspector
{
    private const string Dmi = "/sys/class/dmi/id/";
    private const string FacpPath = "/sys/firmware/acpi/tables/FACP";
    private const string ClocksourcePath = "/sys/devices/system/clocksource/clocksource0/available_clocksource";

    /// <summary>The FADT is 276 bytes in ACPI 6; the header is all that is read from it.</summary>
    private const int MaxFacpBytes = 64 << 10;

    public static VirtualizationFacts Inspect(HostRoot root, CpuFacts cpu)
    {
        var hypervisorType = ReadWord(root, "/sys/hypervisor/type");
        var evidence = new VirtualizationEvidence(
            cpu.Flags,
            ReadDmi(root, "sys_vendor"),
            ReadDmi(root, "product_name"),
            ReadDmi(root, "board_vendor"),
            ReadDmi(root, "bios_vendor"),
            hypervisorType,
            hypervisorType.IsKnown ? root.ReadText("/proc/xen/capabilities") : Fact.Unknown<string>(UnknownKind.Absent, "not Xen"),
            root.ReadBytes(FacpPath, MaxFacpBytes).Bind(bytes => AcpiOemIdParser.Parse(bytes, FacpPath)),
            root.ReadText(ClocksourcePath).Map(text => (IReadOnlyList<string>)text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        return HypervisorDetector.Detect(evidence);
    }

    /// <summary>A DMI string: one line of text; firmware sometimes leaves it empty, which says nothing.</summary>
    private static Fact<string> ReadDmi(HostRoot root, string field)
    {
        var path = Dmi + field;
        return root.ReadText(path, 4096).Bind(text =>
        {
            var value = text.Trim();
            if (value.Length == 0)
            {
                return Fact.Unknown<string>(UnknownKind.Absent, $"{path} is empty");
            }

            return value.Any(char.IsControl)
                ? Fact.Unknown<string>(UnknownReason.Malformed(path, "not a single line of text"))
                : value;
        });
    }

    private static Fact<string> ReadWord(HostRoot root, string path) =>
        root.ReadText(path, 4096).Map(text => text.Trim());
}
