using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Tuning.Persistence;

public class UdevRuleTests
{
    [Fact]
    public void One_rule_per_class_in_class_order_with_the_scheduler_before_nr_requests_and_read_ahead_last()
    {
        var file = UdevRule.Render("inference-throughput",
        [
            new BlockSetting("hdd", "read_ahead_kb", "1024"),
            new BlockSetting("nvme", "read_ahead_kb", "4096"),
            new BlockSetting("nvme", "nr_requests", "1023"),
            new BlockSetting("nvme", "max_sectors_kb", "512"),
            new BlockSetting("nvme", "scheduler", "none"),
            new BlockSetting("ssd", "scheduler", "mq-deadline"),
        ]);

        Assert.Equal("/etc/udev/rules.d/99-aitune.rules", file.Path);
        Assert.Equal("""
            # Written by aitune: profile inference-throughput. Remove with `aitune rollback`; do not edit.
            ACTION=="add|change", SUBSYSTEM=="block", ENV{DEVTYPE}=="disk", KERNEL=="nvme[0-9]*n[0-9]*", ATTR{queue/scheduler}="none", ATTR{queue/nr_requests}="1023", ATTR{queue/max_sectors_kb}="512", ATTR{queue/read_ahead_kb}="4096"
            ACTION=="add|change", SUBSYSTEM=="block", ENV{DEVTYPE}=="disk", KERNEL=="sd*|vd*|xvd*", ATTR{queue/rotational}=="0", ATTR{queue/scheduler}="mq-deadline"
            ACTION=="add|change", SUBSYSTEM=="block", ENV{DEVTYPE}=="disk", KERNEL=="sd*|vd*|xvd*", ATTR{queue/rotational}=="1", ATTR{queue/read_ahead_kb}="1024"
            """ + "\n", file.Content);
    }

    [Fact]
    public void A_class_without_settings_has_no_rule()
    {
        var file = UdevRule.Render("base", [new BlockSetting("ssd", "scheduler", "kyber")]);

        Assert.Equal("""
            # Written by aitune: profile base. Remove with `aitune rollback`; do not edit.
            ACTION=="add|change", SUBSYSTEM=="block", ENV{DEVTYPE}=="disk", KERNEL=="sd*|vd*|xvd*", ATTR{queue/rotational}=="0", ATTR{queue/scheduler}="kyber"
            """ + "\n", file.Content);
    }

    [Theory]
    [InlineData("none\"")]
    [InlineData("none\", RUN+=\"/bin/sh -c id")]
    [InlineData("$(id)")]
    [InlineData("%k")]
    [InlineData("mq deadline")]
    [InlineData("none\n")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Hostile_values_are_refused(string value) =>
        Assert.Throws<AiTuneException>(() => UdevRule.Render("base", [new BlockSetting("nvme", "scheduler", value)]));

    [Theory]
    [InlineData("usb", "scheduler")]
    [InlineData("nvme", "rotational")]
    [InlineData("nvme", "../../uevent")]
    [InlineData("NVME", "scheduler")]
    public void Unknown_classes_and_attributes_are_refused(string deviceClass, string attribute) =>
        Assert.Throws<AiTuneException>(() => UdevRule.Render("base", [new BlockSetting(deviceClass, attribute, "1")]));

    [Fact]
    public void An_attribute_given_twice_for_a_class_is_refused() =>
        Assert.Throws<AiTuneException>(() => UdevRule.Render("base",
            [new BlockSetting("nvme", "scheduler", "none"), new BlockSetting("nvme", "scheduler", "kyber")]));
}
