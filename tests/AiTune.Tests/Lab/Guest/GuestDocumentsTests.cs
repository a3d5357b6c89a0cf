using System.Text;
using System.Text.Json;
using AiTune.Lab.Guest;

namespace AiTune.Tests.Lab.Guest;

public class GuestDocumentsTests
{
    [Fact]
    public void Lab_settings_read_as_the_image_builder_writes_them()
    {
        var settings = JsonSerializer.Deserialize("{\"schemaVersion\": 1, \"payload\": \"identify\", \"seed\": 42}"u8, LabGuestJsonContext.Default.LabSettings);

        Assert.Equal(new LabSettings(1, "identify", 42), settings);
    }

    [Fact]
    public void An_unknown_payload_is_a_plain_error()
    {
        var boot = new GuestBoot([], [], [], "/dev/vport1p1");

        var error = Assert.Throws<AiTuneException>(() => BuiltInLabPayloads.Run(new LabSettings(1, "suites", 1), boot));

        Assert.Equal("the lab guest has no payload called 'suites'", error.Message);
    }

    [Fact]
    public void Identify_off_guest_describes_this_kernel()
    {
        var boot = new GuestBoot([], [], [], "/dev/vport1p1");

        byte[] json = IdentifyPayload.Run(new LabSettings(1, "identify", 7), boot);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("identify", root.GetProperty("payload").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt64());
        Assert.Equal(Environment.OSVersion.Version.Major, int.Parse(root.GetProperty("release").GetString()!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(File.ReadAllText("/proc/cmdline").TrimEnd('\n'), root.GetProperty("commandLine").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cpus").GetInt32());
        Assert.Equal("/dev/vport1p1", root.GetProperty("boot").GetProperty("resultsPort").GetString());
    }

    [Theory]
    [InlineData("MemTotal:       24563484 kB\nMemFree:         1000 kB\n", 24563484L)]
    [InlineData("MemFree: 1 kB\n", null)]
    [InlineData("MemTotal: lots kB\n", null)]
    public void Mem_total_is_read_in_kb(string meminfo, long? expected)
    {
        Assert.Equal(expected, IdentifyPayload.MemTotalKb(meminfo));
    }

    [Fact]
    public void Critical_kernel_records_are_those_at_level_2_or_below()
    {
        string[] records =
        [
            "6,1,100,-;Linux version 6.12.118+deb12-amd64\n",
            "2,2,200,-;aitune-capture: a crit line\n",
            "12,3,300,-;user warning\n",
            "9,4,400,-;user alert\n",
            "0,5,500,c;Kernel panic - not syncing: x\n",
            "not a record",
        ];

        Assert.Equal(["aitune-capture: a crit line", "user alert", "Kernel panic - not syncing: x"], KernelLogReader.Critical(records));
    }

    [Fact]
    public void A_failure_document_is_json_with_its_stage()
    {
        var failure = new GuestFailure(1, "the lab guest found no virtio-serial port named aitune.results in 30 s", "the guest kernel needs virtio_pci", "AiTuneException", "results port");

        string json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(failure, LabGuestJsonContext.Readable.GuestFailure));

        Assert.Contains("\"stage\": \"results port\"", json);
        Assert.Contains("\"schemaVersion\": 1", json);
    }
}
