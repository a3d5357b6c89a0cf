namespace AiTune.Lab.Image;

/// <summary>Where the loader looks for a library after DT_RPATH and DT_RUNPATH: the cache, then the standard
/// directories (Debian's multiarch ones first, as its ld.so is built).</summary>
public sealed record LibrarySearch(LdSoCache? Cache, IReadOnlyList<string> X64Directories, IReadOnlyList<string> Arm64Directories)
{
    /// <summary>This host's cache and the standard directories.</summary>
    public static LibrarySearch Host() => new(
        LdSoCache.TryRead(),
        ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"],
        ["/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]);

    public IReadOnlyList<string> Directories(ElfMachine machine) => machine == ElfMachine.X64 ? X64Directories : Arm64Directories;
}
