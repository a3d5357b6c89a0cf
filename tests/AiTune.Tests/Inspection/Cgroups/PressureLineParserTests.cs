using AiTune.Facts;
using AiTune.Inspection.Cgroups;

namespace AiTune.Tests.Inspection.Cgroups;

public class PressureLineParserTests
{
    [Fact]
    public void Irq_pressure_has_a_full_line_only()
    {
        const string Irq = "full avg10=0.00 avg60=0.00 avg300=0.00 total=2718282\n";

        Assert.Equal(2718282, PressureParser.ParseLine("/proc/pressure/irq", Irq, "full").Value.TotalUs);
        Assert.Equal(UnknownKind.Absent, PressureParser.ParseLine("/proc/pressure/irq", Irq, "some").Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, PressureParser.Parse("/proc/pressure/irq", Irq).Reason!.Kind);
    }

    [Fact]
    public void A_malformed_line_is_malformed()
    {
        var line = PressureParser.ParseLine("/sys/fs/cgroup/a/io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=-4\n", "some");

        Assert.Equal(UnknownKind.Malformed, line.Reason!.Kind);
    }
}
