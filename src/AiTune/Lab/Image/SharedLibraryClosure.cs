namespace AiTune.Lab.Image;

/// <summary>
/// The files a dynamically linked executable needs to start: its interpreter and, recursively, every DT_NEEDED,
/// found the way glibc's ld.so finds them (breadth first; a name already loaded, by name or SONAME, is not loaded
/// again; DT_RPATH of the object and its loaders unless the object has DT_RUNPATH, then DT_RUNPATH, then
/// /etc/ld.so.cache, then the standard directories; a candidate for another machine is skipped). The guest keeps the
/// paths, so it needs no ld.so.cache of its own.
/// </summary>
public static class SharedLibraryClosure
{
    /// <summary>More than any real program links; a bound against a hostile or broken chain.</summary>
    private const int MaxObjects = 1024;

    /// <summary>The interpreter first, then the libraries in load order; empty for a static executable.</summary>
    public static IReadOnlyList<SharedObject> Resolve(string executable, LibrarySearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        string executableFile = HostPath.Resolve(executable);
        var main = ElfFile.ReadDynamic(executableFile);
        if (main.Type is not (2 or 3))
        {
            throw new AiTuneException($"{executable} is not an executable (ELF type {main.Type})", "give the path of a program");
        }

        var result = new List<SharedObject>();
        var loadedNames = new HashSet<string>(StringComparer.Ordinal);
        if (main.Interpreter is { } interpreter)
        {
            string interpreterFile = HostPath.Resolve(interpreter);
            if (!File.Exists(interpreterFile))
            {
                throw new AiTuneException($"{executable} names the interpreter {interpreter}, which this host does not have", "run aitune on a host that can run that program");
            }

            var interpreterElf = RequireMachine(ElfFile.ReadDynamic(interpreterFile), main.Machine, interpreter);
            result.Add(new SharedObject(HostPath.Normalize(interpreter), interpreterFile));
            loadedNames.Add(HostPath.Normalize(interpreter));
            if (interpreterElf.SoName is { } soname)
            {
                loadedNames.Add(soname);
            }
        }
        else if (main.Needed.Count > 0)
        {
            throw new AiTuneException($"{executable} needs shared libraries but names no interpreter (PT_INTERP)", "give a dynamically linked program with an interpreter, or a static one");
        }

        var queue = new Queue<Loaded>();
        queue.Enqueue(new Loaded(main, executableFile, null));
        while (queue.TryDequeue(out var loaded))
        {
            foreach (var needed in loaded.Elf.Needed)
            {
                if (loadedNames.Contains(needed))
                {
                    continue;
                }

                var (path, elf) = Find(needed, loaded, main.Machine, search)
                    ?? throw new AiTuneException(
                        $"cannot find the library {needed} that {loaded.HostFile} needs",
                        "install it on the host (the guest takes the host's libraries), or run ldconfig if it is installed");
                string file = HostPath.Resolve(path);
                result.Add(new SharedObject(path, file));
                if (result.Count > MaxObjects)
                {
                    throw new AiTuneException($"{executable} needs more than {MaxObjects} libraries", "give a program with fewer dependencies");
                }

                loadedNames.Add(needed);
                loadedNames.Add(path);
                if (elf.SoName is { } soname)
                {
                    loadedNames.Add(soname);
                }

                queue.Enqueue(new Loaded(elf, file, loaded));
            }
        }

        return result;
    }

    private static (string Path, ElfFile Elf)? Find(string needed, Loaded loader, ElfMachine machine, LibrarySearch search)
    {
        if (needed.Contains('/', StringComparison.Ordinal))
        {
            return Candidate(HostPath.Normalize(needed), machine);
        }

        var directories = new List<string>();
        if (loader.Elf.RunPath is null)
        {
            for (var each = loader; each is not null; each = each.Loader)
            {
                if (each.Elf.RPath is { } rpath && each.Elf.RunPath is null)
                {
                    directories.AddRange(SearchPath(rpath, each.HostFile));
                }
            }
        }
        else
        {
            directories.AddRange(SearchPath(loader.Elf.RunPath, loader.HostFile));
        }

        foreach (var directory in directories)
        {
            if (Candidate(HostPath.Normalize(Path.Join(directory, needed)), machine) is { } found)
            {
                return found;
            }
        }

        if (search.Cache?.Find(needed, machine) is { } cached && Candidate(HostPath.Normalize(cached), machine) is { } fromCache)
        {
            return fromCache;
        }

        foreach (var directory in search.Directories(machine))
        {
            if (Candidate(Path.Join(directory, needed), machine) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The directories of a DT_RPATH or DT_RUNPATH, $ORIGIN expanded; entries with other dynamic string
    /// tokens ($LIB, $PLATFORM) or relative ones are left out, as a root-run loader leaves them out.</summary>
    private static IEnumerable<string> SearchPath(string value, string objectFile)
    {
        string origin = Path.GetDirectoryName(objectFile) ?? "/";
        foreach (var entry in value.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string expanded = entry.Replace("${ORIGIN}", origin, StringComparison.Ordinal).Replace("$ORIGIN", origin, StringComparison.Ordinal);
            if (expanded.StartsWith('/') && !expanded.Contains('$', StringComparison.Ordinal))
            {
                yield return expanded;
            }
        }
    }

    /// <summary>The file at <paramref name="path"/> when the loader would take it: it exists and is a 64-bit ELF file
    /// for <paramref name="machine"/>.</summary>
    private static (string, ElfFile)? Candidate(string path, ElfMachine machine)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var elf = ElfFile.ReadDynamic(path);
            return elf.Machine == machine ? (path, elf) : null;
        }
        catch (AiTuneException)
        {
            return null; // ld.so skips a file it cannot use (32-bit, another machine, not ELF) and searches on
        }
    }

    private static ElfFile RequireMachine(ElfFile elf, ElfMachine machine, string path) =>
        elf.Machine == machine ? elf : throw new AiTuneException($"{path} is built for {elf.Machine}, the program for {machine}", "install the interpreter for the program's machine");

    private sealed record Loaded(ElfFile Elf, string HostFile, Loaded? Loader);
}
