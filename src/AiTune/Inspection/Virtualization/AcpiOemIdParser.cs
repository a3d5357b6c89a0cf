using System.Text;
using AiTune.Facts;

namespace AiTune.Inspection.Virtualization;

/// <summary>Reads the OEM ID from an ACPI table's standard 36-byte header (ACPI specification, "System Description
/// Table Header": Signature[4], Length[4], Revision[1], Checksum[1], OEMID[6], OEM Table ID[8], …). Virtual machine
/// monitors write their own name there: Firecracker "FIRECK", QEMU "BOCHS ", VirtualBox "VBOX  ".</summary>
public static class AcpiOemIdParser
{
    private const int HeaderLength = 36;

    public static Fact<string> Parse(byte[] table, string path)
    {
        if (table.Length < HeaderLength)
        {
            return Fact.Unknown<string>(UnknownReason.Malformed(path, $"{table.Length} bytes, shorter than an ACPI table header"));
        }

        for (int i = 0; i < 4; i++)
        {
            if (table[i] is < (byte)'A' or > (byte)'Z')
            {
                return Fact.Unknown<string>(UnknownReason.Malformed(path, "no ACPI table signature"));
            }
        }

        var oem = table.AsSpan(10, 6);
        foreach (byte b in oem)
        {
            if (b != 0 && b is < 0x20 or > 0x7e)
            {
                return Fact.Unknown<string>(UnknownReason.Malformed(path, "the OEM ID is not printable"));
            }
        }

        return Encoding.ASCII.GetString(oem).TrimEnd(' ', '\0');
    }
}
