using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Cgroups;

public class CgroupParserTests
{
    [Theory]
    [InlineData("rw,nosuid,nodev,noexec,relatime,cpu,cpuacct", "cpu,cpuacct", null)]
    [InlineData("rw,relatime,memory", "memory", null)]
    [InlineData("rw,nosuid,nodev,noexec,relatime,xattr,name=systemd", "", "systemd")]
    [InlineData("rw,nosuid,nodev,noexec,relatime,net_cls,net_prio", "net_cls,net_prio", null)]
    [InlineData("ro,relatime,seclabel,cpuset,noprefix,clone_children,cpuset_v2_mode,release_agent=/sbin/agent", "cpuset", null)]
    public void V1_options_give_controllers_and_name(string options, string controllers, string? name)
    {
        var list = options.Split(',');
        Assert.Equal(controllers.Split(',', StringSplitOptions.RemoveEmptyEntries), CgroupV1OptionsParser.Controllers(list));
        Assert.Equal(name, CgroupV1OptionsParser.Name(list));
    }

    [Fact]
    public void Real_hybrid_v2_root_lists_only_the_controllers_no_v1_hierarchy_holds()
    {
        var text = File.ReadAllText(FixturePaths.File("files/cgroups/cgroup.controllers-hybrid"));
        Assert.Equal(["hugetlb"], CgroupControllerListParser.Parse("cgroup.controllers", text).Value);
    }

    [Theory]
    [InlineData("cpuset cpu io memory hugetlb pids rdma misc\n", new[] { "cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc" })]
    [InlineData("\n", new string[0])]
    [InlineData("", new string[0])]
    public void Controller_lists(string text, string[] expected) =>
        Assert.Equal(expected, CgroupControllerListParser.Parse("cgroup.controllers", text).Value);

    [Theory]
    [InlineData("cpu Memory\n")]
    [InlineData("cpu\tio\n")]
    [InlineData("cpu m\u00e9mory\n")]
    public void Bad_controller_lists_are_malformed(string text)
    {
        var result = CgroupControllerListParser.Parse("/sys/fs/cgroup/cgroup.controllers", text);
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.StartsWith("/sys/fs/cgroup/cgroup.controllers", result.Reason.Detail);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var result = CgroupControllerListParser.Parse("cgroup.controllers", text);
            Assert.True(result.IsKnown ? result.Value.All(name => name.Length > 0) : result.Reason!.Kind == UnknownKind.Malformed);
            var options = text.Split(',');
            Assert.All(CgroupV1OptionsParser.Controllers(options), controller => Assert.DoesNotContain('=', controller));
            _ = CgroupV1OptionsParser.Name(options);
        });
    }
}
