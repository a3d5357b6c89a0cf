using AiTune.Facts;
using AiTune.Inspection.Virtualization;
using CsCheck;

namespace AiTune.Tests.Inspection.Virtualization;

public class AcpiOemIdParserTests
{
    [Fact]
    public void Reads_the_oem_id_of_a_table_header()
    {
        byte[] header = [.. "APIC"u8, 72, 0, 0, 0, 6, 0x56, .. "FIRECK"u8, .. "FCVMMADT"u8, 0, 0, 0, 0, .. "FCAT"u8, 0x19, 0x01, 0x24, 0x20];

        Assert.Equal("FIRECK", AcpiOemIdParser.Parse(header, "APIC").Value);
        header[15] = (byte)' ';
        Assert.Equal("FIRECK"[..5], AcpiOemIdParser.Parse(header, "APIC").Value);
    }

    [Fact]
    public void Short_or_foreign_data_is_malformed()
    {
        Assert.Equal(UnknownKind.Malformed, AcpiOemIdParser.Parse(new byte[35], "FACP").Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, AcpiOemIdParser.Parse(new byte[36], "FACP").Reason!.Kind);
    }

    [Fact]
    public void Any_bytes_give_a_value_or_a_malformed_fact()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            var oem = AcpiOemIdParser.Parse(bytes, "FACP");
            Assert.True(oem.IsKnown ? oem.Value.Length <= 6 : oem.Reason!.Kind == UnknownKind.Malformed);
        });
    }
}
