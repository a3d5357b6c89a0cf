using AiTune.Facts;
using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public class PreemptionResolverTests
{
    private static readonly ProcVersion Dynamic = new("Linux version 6.8.0 (b) (c) #1 SMP PREEMPT_DYNAMIC", "6.8.0", ["SMP", "PREEMPT_DYNAMIC"]);
    private static readonly ProcVersion Plain = new("Linux version 4.19.0 (b) (c) #1 SMP", "4.19.0", ["SMP"]);
    private static readonly Dictionary<string, string> VoluntaryDynamic = new()
    {
        ["CONFIG_PREEMPT_VOLUNTARY"] = "y", ["CONFIG_PREEMPT"] = "n", ["CONFIG_PREEMPT_NONE"] = "n", ["CONFIG_PREEMPT_DYNAMIC"] = "y",
    };

    [Theory]
    [InlineData("none voluntary (full) lazy\n", PreemptionModel.Full)]
    [InlineData("(none) voluntary full\n", PreemptionModel.None)]
    [InlineData("none voluntary full (lazy)\n", PreemptionModel.Lazy)]
    [InlineData("none (voluntary) full", PreemptionModel.Voluntary)]
    public void The_debugfs_file_names_the_active_model(string text, PreemptionModel expected)
    {
        Assert.Equal(expected, PreemptionResolver.ParseActive(text));
        Assert.Equal(expected, PreemptionResolver.Resolve(text, KernelCommandLine.Parse("preempt=none"), Dynamic, VoluntaryDynamic, null).Value);
    }

    [Fact]
    public void Debugfs_text_without_a_model_in_parentheses_names_none()
    {
        Assert.Null(PreemptionResolver.ParseActive("none voluntary full"));
        Assert.Null(PreemptionResolver.ParseActive("(turbo)"));
        Assert.Null(PreemptionResolver.ParseActive(""));
    }

    [Fact]
    public void Without_debugfs_the_boot_choice_then_the_build_default_decide()
    {
        Assert.Equal(PreemptionModel.Full, PreemptionResolver.Resolve(null, KernelCommandLine.Parse("quiet preempt=full"), Dynamic, VoluntaryDynamic, null).Value);
        Assert.Equal(PreemptionModel.Voluntary, PreemptionResolver.Resolve(null, KernelCommandLine.Parse("quiet"), Dynamic, VoluntaryDynamic, null).Value);
        Assert.Equal(PreemptionModel.Voluntary, PreemptionResolver.Resolve("junk", KernelCommandLine.Parse("preempt=bogus"), Dynamic, VoluntaryDynamic, null).Value);
    }

    [Fact]
    public void A_dynamic_kernel_without_config_or_choice_is_dynamic()
    {
        var reason = new UnknownReason(UnknownKind.Absent, "no kernel config");

        Assert.Equal(PreemptionModel.Dynamic, PreemptionResolver.Resolve(null, KernelCommandLine.Parse("quiet"), Dynamic, null, reason).Value);
    }

    [Fact]
    public void The_boot_choice_is_ignored_by_a_kernel_built_without_preempt_dynamic()
    {
        var config = new Dictionary<string, string> { ["CONFIG_PREEMPT_NONE"] = "y", ["CONFIG_PREEMPT_DYNAMIC"] = "n" };

        Assert.Equal(PreemptionModel.None, PreemptionResolver.Resolve(null, KernelCommandLine.Parse("preempt=full"), Plain, config, null).Value);
    }

    [Fact]
    public void Rt_wins_over_everything()
    {
        var rt = new ProcVersion("Linux version 6.1.0 (b) (c) #1 SMP PREEMPT_RT", "6.1.0", ["SMP", "PREEMPT_RT"]);

        Assert.Equal(PreemptionModel.Rt, PreemptionResolver.Resolve("(full)", KernelCommandLine.Parse("preempt=none"), rt, null, null).Value);
        Assert.Equal(PreemptionModel.Rt, PreemptionResolver.Resolve(null, null, null, new Dictionary<string, string> { ["CONFIG_PREEMPT_RT"] = "y", ["CONFIG_PREEMPT"] = "y" }, null).Value);
    }

    [Fact]
    public void Lazy_is_read_from_the_config_before_full()
    {
        var config = new Dictionary<string, string> { ["CONFIG_PREEMPT_LAZY"] = "y", ["CONFIG_PREEMPT"] = "n" };

        Assert.Equal(PreemptionModel.Lazy, PreemptionResolver.Resolve(null, null, null, config, null).Value);
    }

    [Fact]
    public void Without_config_only_a_preempt_build_flag_can_answer()
    {
        var reason = new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /boot/config-x (needs root)");
        var full = new ProcVersion("Linux version 5.4.0 (b) (c) #1 SMP PREEMPT", "5.4.0", ["SMP", "PREEMPT"]);

        Assert.Equal(PreemptionModel.Full, PreemptionResolver.Resolve(null, null, full, null, reason).Value);
        var unknown = PreemptionResolver.Resolve(null, null, Plain, null, reason);
        Assert.Equal(UnknownKind.PermissionDenied, unknown.Reason!.Kind);
        Assert.Equal("the build configuration decides it, and it is unknown: permission denied reading /boot/config-x (needs root)", unknown.Reason.Detail);
    }
}
