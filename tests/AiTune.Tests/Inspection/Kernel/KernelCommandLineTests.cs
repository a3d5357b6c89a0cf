using AiTune.Inspection.Kernel;
using CsCheck;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelCommandLineTests
{
    [Fact]
    public void Splits_this_kind_of_real_command_line_and_stops_at_the_init_separator()
    {
        var line = KernelCommandLine.Parse(
            "mitigations=auto,no_guest_host console=ttyS0 quiet reboot=k panic=1 rdinit=/process_api -- --firecracker-init --addr 0.0.0.0:2024\n");

        Assert.Equal(["mitigations", "console", "quiet", "reboot", "panic", "rdinit"], line.Parameters.Select(p => p.Name));
        Assert.Equal("auto,no_guest_host", line.Get("mitigations"));
        Assert.Equal("", line.Get("quiet"));
        Assert.Null(line.Parameters[2].Value);
        Assert.False(line.Has("--firecracker-init"));
        Assert.Null(line.Get("addr"));
        Assert.Equal("mitigations=auto,no_guest_host console=ttyS0 quiet reboot=k panic=1 rdinit=/process_api -- --firecracker-init --addr 0.0.0.0:2024", line.Raw);
    }

    [Fact]
    public void Quoted_values_keep_their_spaces_and_lose_their_quotes()
    {
        var line = KernelCommandLine.Parse("root=/dev/sda1 acpi_osi=\"Windows 2020\" \"dyndbg=file foo.c +p\" quiet");

        Assert.Equal("Windows 2020", line.Get("acpi_osi"));
        Assert.Equal("file foo.c +p", line.Get("dyndbg"));
        Assert.Equal(4, line.Parameters.Count);
    }

    [Fact]
    public void Quotes_inside_a_value_stay_as_the_kernel_leaves_them()
    {
        var line = KernelCommandLine.Parse("a=b\"c d\"e next");

        Assert.Equal("b\"c d\"e", line.Get("a"));
        Assert.True(line.Has("next"));
    }

    [Fact]
    public void An_unterminated_quote_runs_to_the_end()
    {
        var line = KernelCommandLine.Parse("x=\"one two three");

        Assert.Single(line.Parameters);
        Assert.Equal("one two three", line.Get("x"));
    }

    [Fact]
    public void Repeated_keys_give_the_last_value_and_all_values_in_order()
    {
        var line = KernelCommandLine.Parse("hugepagesz=1G hugepages=16 hugepagesz=2M hugepages=512 hugepages=1024");

        Assert.Equal("1024", line.Get("hugepages"));
        Assert.Equal(["1G", "2M"], line.All("hugepagesz"));
        Assert.Equal(["16", "512", "1024"], line.All("hugepages"));
    }

    [Fact]
    public void Dashes_and_underscores_in_names_are_the_same_as_for_the_kernel()
    {
        var line = KernelCommandLine.Parse("intel-iommu=on transparent_hugepage=never");

        Assert.Equal("on", line.Get("intel_iommu"));
        Assert.Equal("never", line.Get("transparent-hugepage"));
        Assert.False(line.Has("intel_iommux"));
    }

    [Fact]
    public void Empty_and_blank_input_give_no_parameters()
    {
        Assert.Empty(KernelCommandLine.Parse("").Parameters);
        Assert.Empty(KernelCommandLine.Parse(" \t\n").Parameters);
        Assert.Empty(KernelCommandLine.Parse("-- init args").Parameters);
        Assert.Empty(KernelCommandLine.Parse("\"\" \"\"").Parameters);
    }

    [Fact]
    public void Values_may_be_empty_or_hold_more_equals_signs()
    {
        var line = KernelCommandLine.Parse("console= root=PARTUUID=abc=def =orphan");

        Assert.Equal("", line.Get("console"));
        Assert.Equal("PARTUUID=abc=def", line.Get("root"));
        Assert.Equal(2, line.Parameters.Count);
    }

    [Fact]
    public void A_quoted_double_dash_also_ends_the_kernel_parameters()
    {
        var line = KernelCommandLine.Parse("quiet \"--\" single");

        Assert.Equal(["quiet"], line.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Junk_never_throws_and_never_yields_an_empty_name()
    {
        Gen.String.Sample(text =>
        {
            var line = KernelCommandLine.Parse(text);
            Assert.All(line.Parameters, p => Assert.NotEqual("", p.Name));
            Assert.False(line.Raw.EndsWith('\n'));
        });
        Gen.Char['\0', '\x7f'].Array[0, 200].Select(chars => new string(chars)).Sample(text => KernelCommandLine.Parse(text));
    }
}
