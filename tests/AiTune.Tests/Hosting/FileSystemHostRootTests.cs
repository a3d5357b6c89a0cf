using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Tests.Support;

namespace AiTune.Tests.Hosting;

public class FileSystemHostRootTests
{
    [Fact]
    public void Reads_a_file_through_a_relative_link_inside_the_tree()
    {
        using var tree = new TempHostTree()
            .Write("sys/devices/pci0000:00/0000:00:1d.0/nvme/nvme0/nvme0n1/queue/scheduler", "[none] mq-deadline\n")
            .Link("sys/block/nvme0n1", "../devices/pci0000:00/0000:00:1d.0/nvme/nvme0/nvme0n1");
        using var root = tree.Root();

        var text = root.ReadText("/sys/block/nvme0n1/queue/scheduler");

        Assert.Equal("[none] mq-deadline\n", text.Value);
    }

    [Fact]
    public void A_relative_link_that_climbs_out_of_the_tree_is_not_followed()
    {
        using var outside = new TempHostTree().Write("secret", "do not read");
        using var tree = new TempHostTree().Link("proc/meminfo", "../../" + Path.GetFileName(outside.Directory) + "/secret");
        using var root = tree.Root();

        var text = root.ReadText("/proc/meminfo");

        Assert.False(text.IsKnown);
        Assert.Equal(UnknownKind.Unreadable, text.Reason!.Kind);
        Assert.Contains("leaves the host tree", text.Reason.Detail);
    }

    [Fact]
    public void A_listed_link_to_a_directory_is_still_resolved_inside_the_tree_after_the_listing()
    {
        // The listing remembers real subdirectories so that reads beneath them skip an lstat; a link among the
        // entries must not be remembered as one.
        using var outside = new TempHostTree().Write("comm", "secret\n");
        using var tree = new TempHostTree()
            .Write("proc/1/comm", "systemd\n")
            .Link("proc/2", "../../" + Path.GetFileName(outside.Directory));
        using var root = tree.Root();

        var listing = root.List("/proc").Value;
        Assert.Equal([("1", HostEntryKind.Directory), ("2", HostEntryKind.Symlink)], listing.Select(e => (e.Name, e.Kind)));

        Assert.Equal("systemd\n", root.ReadText("/proc/1/comm").Value);
        var escaped = root.ReadText("/proc/2/comm");
        Assert.False(escaped.IsKnown);
        Assert.Contains("leaves the host tree", escaped.Reason!.Detail);
    }

    [Fact]
    public void An_absolute_link_resolves_inside_the_tree_like_chroot()
    {
        using var tree = new TempHostTree()
            .Write("etc/sysctl.conf", "vm.swappiness = 10\n")
            .Link("etc/sysctl.d/99-sysctl.conf", "/etc/sysctl.conf")
            .Link("proc/version", "/etc/hostname");
        using var root = tree.Root();

        Assert.Equal("vm.swappiness = 10\n", root.ReadText("/etc/sysctl.d/99-sysctl.conf").Value);
        var escaped = root.ReadText("/proc/version"); // /etc/hostname of the tree, not of this machine
        Assert.Equal(UnknownKind.Absent, escaped.Reason!.Kind);
    }

    [Fact]
    public void A_link_loop_is_unreadable_not_a_hang()
    {
        using var tree = new TempHostTree().Mkdir("proc").Link("proc/a", "b").Link("proc/b", "a");
        using var root = tree.Root();

        var text = root.ReadText("/proc/a");

        Assert.Equal(UnknownKind.Unreadable, text.Reason!.Kind);
        Assert.Contains("too many levels", text.Reason.Detail);
    }

    [Fact]
    public void A_fifo_is_never_opened()
    {
        using var tree = new TempHostTree().Mkdir("proc");
        var fifo = tree.Physical("proc/meminfo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var root = tree.Root();

        var text = root.ReadText("/proc/meminfo");

        Assert.Equal(UnknownKind.Unreadable, text.Reason!.Kind);
        Assert.Contains("FIFO", text.Reason.Detail);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_unreadable_not_truncated()
    {
        using var tree = new TempHostTree().WriteBytes("proc/meminfo", new byte[5000]);
        using var root = tree.Root();

        var text = root.ReadText("/proc/meminfo", maxBytes: 4096);

        Assert.Equal(UnknownKind.Unreadable, text.Reason!.Kind);
        Assert.Contains("larger than 4096 bytes", text.Reason.Detail);
        Assert.Equal(5000, root.ReadBytes("/proc/meminfo", 8192).Value.Length);
    }

    [Fact]
    public void Files_larger_than_the_read_buffer_come_back_whole_and_a_later_small_file_holds_only_its_own_bytes()
    {
        var large = new byte[200_000];
        new Random(7).NextBytes(large);
        using var tree = new TempHostTree().WriteBytes("proc/config", large).Write("proc/small", "42\n").WriteBytes("proc/exact", new byte[65_536]);
        using var root = tree.Root();

        Assert.Equal(large, root.ReadBytes("/proc/config").Value);
        Assert.Equal("42\n", root.ReadText("/proc/small").Value);
        Assert.Equal(65_536, root.ReadBytes("/proc/exact", maxBytes: 65_536).Value.Length);
        Assert.Equal(UnknownKind.Unreadable, root.ReadBytes("/proc/exact", maxBytes: 65_535).Reason!.Kind);
    }

    [Fact]
    public void A_listing_names_a_fifo_as_neither_file_nor_directory()
    {
        using var tree = new TempHostTree().Write("run/a", "1").Mkdir("run/b");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", tree.Physical("run/c"))!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var root = tree.Root();

        Assert.Equal([HostEntryKind.File, HostEntryKind.Directory, HostEntryKind.Other], root.List("/run").Value.Select(e => e.Kind));
        Assert.Equal(UnknownKind.Absent, root.List("/run/none").Reason!.Kind);
        Assert.Equal(UnknownKind.Absent, root.List("/run/a").Reason!.Kind);
    }

    [Fact]
    public void A_missing_file_is_absent_and_lists_are_sorted_without_following_links()
    {
        using var tree = new TempHostTree().Write("sys/block/b/x", "1").Link("sys/block/a", "b").Write("sys/block/c", "2");
        using var root = tree.Root();

        Assert.Equal(UnknownKind.Absent, root.ReadText("/proc/nothing").Reason!.Kind);
        var entries = root.List("/sys/block").Value;
        Assert.Equal(["a", "b", "c"], entries.Select(e => e.Name));
        Assert.Equal([HostEntryKind.Symlink, HostEntryKind.Directory, HostEntryKind.File], entries.Select(e => e.Kind));
        Assert.Equal("b", root.ReadLinkName("/sys/block/a").Value);
    }

    [Fact]
    public void The_live_root_reads_the_running_kernel()
    {
        using var root = new FileSystemHostRoot("/");

        Assert.True(root.IsLive);
        Assert.StartsWith("Linux version ", root.ReadText("/proc/version").Value);
        Assert.Contains("MemTotal:", root.ReadText("/proc/meminfo").Value);
    }

    [Theory]
    [InlineData("/proc/sys/kernel/osrelease", true)]
    [InlineData("/proc/sys/vm/swappiness", true)]
    [InlineData("/proc/sys/vm/no_such_setting", true)]
    [InlineData("/proc/no_such_directory/file", true)]
    [InlineData("/proc/sys/kernel/osrelease/below_a_file", true)]
    [InlineData("/proc/sys/vm", true)] // a directory: the read's EISDIR
    [InlineData("/proc/self/comm", true)] // /proc/self is a link inside /proc
    [InlineData("/sys/bus/cpu/devices/cpu0/topology/core_id", true)] // cpu0 there is a link to ../../../devices/…
    [InlineData("/sys/devices/system/cpu/cpu0/topology/core_id", true)]
    [InlineData("/proc/self/root", false)] // a magic link: link by link it is "/", a directory
    [InlineData("/proc/self/cwd/no_such_file", false)]
    [InlineData("/proc/sys/../sys/vm/swappiness", false)] // not normal
    [InlineData("/etc/hostname", false)] // not the kernel's own trees
    public void On_the_live_host_a_direct_read_answers_as_the_read_link_by_link(string path, bool direct)
    {
        using var live = new FileSystemHostRoot("/");
        using var linkByLink = new FileSystemHostRoot("/") { Observer = _ => { } }; // a snapshot's reads go link by link

        var expected = linkByLink.ReadText(path);
        var actual = live.ReadText(path);

        Assert.Equal(expected.ValueOrDefault, actual.ValueOrDefault);
        Assert.Equal(expected.Reason?.Kind, actual.Reason?.Kind);
        Assert.Equal(expected.Reason?.Detail, actual.Reason?.Detail);
        Assert.Equal(direct ? 1 : 0, live.ReadsDirectly);
        Assert.Equal(0, linkByLink.ReadsDirectly);
    }

    [Theory]
    [InlineData("/proc/sys/vm/swappiness", true)]
    [InlineData("/proc/1234/comm", true)]
    [InlineData("/proc/self/comm", true)]
    [InlineData("/sys/devices/system/node/node0/meminfo", true)]
    [InlineData("/sys/block/nvme0n1/queue/scheduler", true)]
    [InlineData("/sys/bus/pci/devices/0000:00:02.0/class", true)]
    [InlineData("/sys/class/dmi/id/product_name", true)]
    [InlineData("/sys/kernel/mm/transparent_hugepage/enabled", true)]
    [InlineData("/sys/module/zswap/parameters/enabled", true)]
    [InlineData("/proc/self/mountinfo", false)] // a sequence file: about a page per read
    [InlineData("/proc/meminfo", false)]
    [InlineData("/proc/1234/task/1235/comm", false)]
    [InlineData("/sys/fs/cgroup/cgroup.procs", false)] // cgroupfs: a record per process
    [InlineData("/sys/kernel/debug/sched/preempt", false)] // debugfs: any read handler
    [InlineData("/sys/kernel/security/lockdown", false)] // securityfs
    [InlineData("/sys/firmware/acpi/tables/DSDT", false)]
    public void Only_files_the_kernel_answers_whole_end_at_a_short_read(string path, bool whole) =>
        Assert.Equal(whole, FileSystemHostRoot.AnsweredWhole(path));

    [Fact]
    public void A_proc_sequence_file_longer_than_a_page_is_read_whole()
    {
        using var live = new FileSystemHostRoot("/");

        var maps = live.ReadText("/proc/self/maps").Value; // a .NET process maps far more than a page of lines

        Assert.True(maps.Length > 8192, $"{maps.Length} bytes");
        Assert.EndsWith("\n", maps);
        Assert.Equal(1, live.ReadsDirectly);
    }

    [Fact]
    public void A_host_tree_is_read_link_by_link_even_beneath_proc_and_sys()
    {
        using var tree = new TempHostTree()
            .Write("sys/devices/virtual/block/loop0/queue/scheduler", "[none]\n")
            .Link("sys/block/loop0", "/sys/devices/virtual/block/loop0") // absolute: taken relative to the tree
            .Write("proc/sys/vm/swappiness", "60\n");
        using var root = (FileSystemHostRoot)tree.Root();

        Assert.Equal("[none]\n", root.ReadText("/sys/block/loop0/queue/scheduler").Value);
        Assert.Equal("60\n", root.ReadText("/proc/sys/vm/swappiness").Value);
        Assert.Equal(0, root.ReadsDirectly);
    }

    [Theory]
    [InlineData("/", "a/../b", "/b")]
    [InlineData("/x/y", "../z", "/x/z")]
    [InlineData("/x", "/abs/./p", "/abs/p")]
    public void Normalize_joins_and_removes_dots(string relativeTo, string path, string expected) =>
        Assert.Equal(expected, HostRoot.Normalize(relativeTo, path).Value);

    [Fact]
    public void Normalize_refuses_climbing_above_the_root() =>
        Assert.False(HostRoot.Normalize("/x", "../../etc").IsKnown);

    [Fact]
    public void Two_threads_reading_through_one_root_get_what_one_thread_gets_and_the_observer_sees_every_file_once()
    {
        // The inspection reads on two threads (SideWork): the resolved-directory cache and the snapshot's observer
        // (plain collections) are shared by both.
        using var tree = new TempHostTree();
        var paths = new List<string>();
        for (int device = 0; device < 40; device++)
        {
            string real = $"sys/devices/virtual/block/dev{device}";
            tree.Write($"{real}/queue/scheduler", $"[none] mq-deadline {device}\n")
                .Write($"{real}/queue/nr_requests", $"{device}\n")
                .Link($"sys/block/dev{device}", $"../devices/virtual/block/dev{device}");
            paths.Add($"/sys/block/dev{device}/queue/scheduler");
            paths.Add($"/sys/block/dev{device}/queue/nr_requests");
        }

        var expected = paths.ToDictionary(p => p, p => File.ReadAllText(Path.Join(tree.Directory, p.Replace("/sys/block/dev", "/sys/devices/virtual/block/dev", StringComparison.Ordinal))));
        for (int attempt = 0; attempt < 20; attempt++)
        {
            using var root = tree.Root();
            var seen = new List<string>();
            root.Observer = access => seen.Add(access.Kind + " " + access.CanonicalPath);
            var halves = new[] { paths.Where((_, i) => i % 2 == 0).ToList(), paths.Where((_, i) => i % 2 == 1).ToList() };
            using var start = new Barrier(2);
            var read = new Dictionary<string, string>[2];
            var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                read[t] = halves[t].ToDictionary(p => p, p => root.ReadText(p).Value);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(expected.OrderBy(e => e.Key), read[0].Concat(read[1]).OrderBy(e => e.Key));
            var filesSeen = seen.Where(s => s.StartsWith("File ", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(paths.Select(p => "File " + p.Replace("/sys/block/dev", "/sys/devices/virtual/block/dev", StringComparison.Ordinal)).Order(StringComparer.Ordinal), filesSeen);
        }
    }
}
