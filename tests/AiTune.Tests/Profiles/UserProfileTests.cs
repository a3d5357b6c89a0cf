using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.Tests.Profiles;

public class UserProfileTests
{
    [Fact]
    public void Profiles_of_the_host_tree_are_read_through_the_root_and_replace_built_ins_of_the_same_name()
    {
        using var tree = new TempHostTree()
            .Write("/etc/aitune/profiles.d/gpu-box.toml", "name = \"gpu-box\"\ninclude = [\"inference-throughput\"]\n[sysctl]\n\"vm.dirty_ratio\" = { value = \"<=10\", why = \"flush early\" }\n")
            .Write("/etc/aitune/profiles.d/balanced.toml", "name = \"balanced\"\ndescription = \"ours\"\ninclude = [\"base\"]\n")
            .Write("/etc/aitune/profiles.d/README", "not a profile");
        using var root = tree.Root();

        var catalog = ProfileCatalog.Load(root, []);

        var box = catalog.Get("gpu-box");
        Assert.Equal("/etc/aitune/profiles.d/gpu-box.toml", box.Origin);
        Assert.False(box.ReplacesBuiltIn);
        Assert.Equal("flush early", box.Settings.Single(s => s.Knob.Id == "sysctl:vm.dirty_ratio").Rationale);
        Assert.Contains(box.Settings, s => s.Knob.Id == "hugepages:2048kB");
        var balanced = catalog.Get("balanced");
        Assert.True(balanced.ReplacesBuiltIn);
        Assert.Equal("ours", balanced.Description);
        Assert.DoesNotContain(balanced.Settings, s => s.Knob.Id == "thp:enabled");
        Assert.Equal(Profile.BuiltInOrigin, catalog.Get("hardened").Origin);
        Assert.Equal(Profile.BuiltInOrigin, ProfileCatalog.BuiltIn.Get("balanced").Origin);
    }

    [Fact]
    public void A_user_base_changes_every_built_in_profile_that_includes_it()
    {
        var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("base.toml", "name = \"base\"\nselectable = false\n[sysctl]\n\"vm.swappiness\" = \"<=1\"\n")]);

        var swappiness = catalog.Get("inference-throughput").Settings.Single(s => s.Knob.Id == "sysctl:vm.swappiness");

        Assert.Equal("1", swappiness.Expectation!.Target);
        Assert.Equal("set by profile base (base.toml)", swappiness.Rationale);
    }

    [Fact]
    public void A_host_without_profiles_d_has_only_the_built_in_profiles()
    {
        using var tree = new TempHostTree().Mkdir("/etc");
        using var root = tree.Root();

        Assert.Equal(ProfileCatalog.BuiltIn.All.Select(p => p.Name), ProfileCatalog.Load(root, []).All.Select(p => p.Name));
    }

    [Fact]
    public void Local_profile_files_add_to_the_catalog_and_name_their_file_in_errors()
    {
        using var tree = new TempHostTree()
            .Write("/local/a.toml", "name = \"mine\"\n[thp]\nenabled = \"never\"\n")
            .Write("/local/b.toml", "name = \"mine\"\n")
            .Write("/local/c.toml", "name = \"c\"\n[hugepages]\n\"2048kB\" = { value = \"model\", headroom_percent = 500 }\n");
        using var root = tree.Root();

        Assert.Equal(tree.Physical("/local/a.toml"), ProfileCatalog.Load(root, [tree.Physical("/local/a.toml")]).Get("mine").Origin);

        var duplicate = Assert.Throws<AiTuneException>(() => ProfileCatalog.Load(root, [tree.Physical("/local/a.toml"), tree.Physical("/local/b.toml")]));
        Assert.Equal($"profile {tree.Physical("/local/b.toml")}: a profile named 'mine' is already defined by {tree.Physical("/local/a.toml")}", duplicate.Message);

        var range = Assert.Throws<AiTuneException>(() => ProfileCatalog.Load(root, [tree.Physical("/local/c.toml")]));
        Assert.Equal($"profile {tree.Physical("/local/c.toml")}: [hugepages] '2048kB': headroom_percent must be an integer from 0 to 100", range.Message);

        var missing = Assert.Throws<AiTuneException>(() => ProfileCatalog.Load(root, [tree.Physical("/local/none.toml")]));
        Assert.Contains("none.toml: the file does not exist", missing.Message);
    }

    [Fact]
    public void User_include_cycles_and_unknown_includes_name_the_file()
    {
        var cycle = Assert.Throws<AiTuneException>(() => ProfileCatalog.BuiltIn.WithUserProfiles(
            [("/etc/aitune/profiles.d/a.toml", "name = \"a\"\ninclude = [\"b\"]"), ("/etc/aitune/profiles.d/b.toml", "name = \"b\"\ninclude = [\"a\"]")]));
        Assert.Contains("include cycle", cycle.Message);
        Assert.Contains("/etc/aitune/profiles.d/", cycle.Message);

        var unknown = Assert.Throws<AiTuneException>(() => ProfileCatalog.BuiltIn.WithUserProfiles([("/etc/aitune/profiles.d/a.toml", "name = \"a\"\ninclude = [\"nope\"]")]));
        Assert.Equal("profile /etc/aitune/profiles.d/a.toml: 'a' includes unknown profile 'nope'", unknown.Message);
    }

    [Fact]
    public void An_unreadable_profile_is_an_error_not_a_silent_omission()
    {
        using var tree = new TempHostTree().Mkdir("/etc/aitune/profiles.d/dir.toml");
        using var root = tree.Root();

        var error = Assert.Throws<AiTuneException>(() => ProfileCatalog.Load(root, []));

        Assert.StartsWith("cannot read user profile /etc/aitune/profiles.d/dir.toml", error.Message);
    }

    [Fact]
    public void A_syntax_error_in_a_host_profile_gives_its_host_path_line_and_column()
    {
        using var tree = new TempHostTree().Write("/etc/aitune/profiles.d/x.toml", "name = \"x\"\n[sysctl]\n\"vm.swappiness\" = \n");
        using var root = tree.Root();

        var error = Assert.Throws<AiTuneException>(() => ProfileCatalog.Load(root, []));

        Assert.Matches(@"^profile /etc/aitune/profiles\.d/x\.toml\(3,\d+\): ", error.Message);
    }
}
