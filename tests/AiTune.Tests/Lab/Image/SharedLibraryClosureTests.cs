using System.Text.RegularExpressions;
using AiTune.Lab.Image;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Lab.Image;

public class SharedLibraryClosureTests
{
    /// <summary>/bin/ls (libselinux, libpcre2 through it) and the dotnet host running these tests (libstdc++,
    /// libgcc_s, libm, libdl): two real programs, against what the real loader says through ldd.</summary>
    public static TheoryData<string> Programs => new() { "/bin/ls", Environment.ProcessPath! };

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_closure_is_the_set_ldd_prints(string program)
    {
        var closure = SharedLibraryClosure.Resolve(program, LibrarySearch.Host());

        Assert.Equal(Ldd(program).Order(StringComparer.Ordinal), closure.Select(o => o.GuestPath).Order(StringComparer.Ordinal));
        Assert.Equal(ElfFile.ReadDynamic(program).Interpreter, closure[0].GuestPath);
        Assert.All(closure, o => Assert.Equal(File.ReadAllBytes(o.GuestPath), File.ReadAllBytes(o.HostFile)));
        Assert.All(closure, o => Assert.Null(new FileInfo(o.HostFile).LinkTarget));
    }

    [Fact]
    public void The_dynamic_section_of_ls_names_its_interpreter_and_libraries()
    {
        var elf = ElfFile.ReadDynamic("/bin/ls");

        Assert.Equal(ElfMachine.X64, elf.Machine);
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", elf.Interpreter);
        Assert.Contains("libc.so.6", elf.Needed);
        Assert.Equal("libc.so.6", ElfFile.ReadDynamic(HostPath.Resolve("/lib/x86_64-linux-gnu/libc.so.6")).SoName);
    }

    [Fact]
    public void The_cache_gives_libc_where_ldconfig_says()
    {
        var cache = LdSoCache.TryRead();
        string expected = Regex.Match(LabKernelTrees.Run("ldconfig -p"), @"libc\.so\.6 \(libc6,x86-64\) => (\S+)").Groups[1].Value;

        Assert.NotNull(cache);
        Assert.Equal(expected, cache.Find("libc.so.6", ElfMachine.X64));
        Assert.Null(cache.Find("libc.so.6", ElfMachine.Arm64));
    }

    [Fact]
    public void A_symlinked_path_resolves_to_the_file_behind_every_link()
    {
        Assert.Equal(LabKernelTrees.Run("readlink -f /lib64/ld-linux-x86-64.so.2").Trim(), HostPath.Resolve("/lib64/ld-linux-x86-64.so.2"));
    }

    [Fact]
    public void Not_ELF_32_bit_big_endian_and_truncated_files_are_clear_errors()
    {
        byte[] ls = File.ReadAllBytes("/bin/ls");
        byte[] thirtyTwo = (byte[])ls.Clone();
        thirtyTwo[4] = 1;
        byte[] bigEndian = (byte[])ls.Clone();
        bigEndian[5] = 2;

        Assert.Contains("ELF magic", Error("#!/bin/sh\necho hello, this is not ELF at all, but long enough for a header....\n"u8.ToArray()));
        Assert.Contains("32-bit", Error(thirtyTwo));
        Assert.Contains("big-endian", Error(bigEndian));
        Assert.Contains("shorter than an ELF header", Error(ls[..40]));
        Assert.Contains("past the end", Error(ls[..4096]));
    }

    [Fact]
    public void Damaged_ELF_files_are_errors_of_aitune_never_crashes()
    {
        byte[] ls = File.ReadAllBytes("/bin/ls");
        Gen.Select(Gen.Int[0, 4095], Gen.Byte.Array[1, 16]).Sample((at, bytes) =>
        {
            byte[] damaged = (byte[])ls.Clone();
            bytes.AsSpan(0, Math.Min(bytes.Length, damaged.Length - at)).CopyTo(damaged.AsSpan(at));
            try
            {
                ElfFile.ReadDynamic(new MemoryStream(damaged), "damaged");
            }
            catch (AiTuneException)
            {
            }
        });
    }

    private static string Error(byte[] file) =>
        Assert.Throws<AiTuneException>(() => ElfFile.ReadDynamic(new MemoryStream(file), "the file")).Message;

    /// <summary>The paths ldd prints: "name => path (address)" and the interpreter's "path (address)".</summary>
    private static IEnumerable<string> Ldd(string program) =>
        LabKernelTrees.Run($"ldd '{program}'").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Regex.Match(line, @"^\s*(?:\S+ => )?(/\S+) \(0x").Groups[1].Value)
            .Where(path => path.Length > 0);
}
