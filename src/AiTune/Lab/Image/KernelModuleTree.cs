using System.Text;
using AiTune.Lab.Compression;

namespace AiTune.Lab.Image;

/// <summary>
/// A kernel's module tree (lib/modules/RELEASE): which modules are built in (modules.builtin,
/// modules.builtin.modinfo), where each module file is, and in what order a set of modules loads. Dependencies come
/// from modules.dep when the tree has one, and otherwise from each module's own depends= (Debian's packages ship no
/// modules.dep: depmod writes it after installation). Links in the tree are never followed.
/// </summary>
public sealed class KernelModuleTree
{
    /// <summary>The most a compressed module, or one of the tree's index files, may hold.</summary>
    private const int MaxFileBytes = 64 << 20;

    /// <summary>The most a module may expand to (the largest real modules are tens of MB).</summary>
    private const long MaxModuleBytes = 256L << 20;

    private readonly string directory;
    private readonly HashSet<string> builtIn;
    private readonly Dictionary<string, string> files;
    private readonly Dictionary<string, IReadOnlyList<string>>? dependencies;

    private KernelModuleTree(string directory, HashSet<string> builtIn, Dictionary<string, string> files, Dictionary<string, IReadOnlyList<string>>? dependencies)
    {
        this.directory = directory;
        this.builtIn = builtIn;
        this.files = files;
        this.dependencies = dependencies;
        Release = Path.GetFileName(directory);
    }

    /// <summary>The kernel release: the tree's directory name.</summary>
    public string Release { get; }

    /// <summary>Whether the tree has modules.dep (else dependencies come from the modules' depends=).</summary>
    public bool HasModulesDep => dependencies is not null;

    /// <summary>Reads the index of the tree at <paramref name="modulesDirectory"/> (…/lib/modules/RELEASE).</summary>
    public static KernelModuleTree Open(string modulesDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modulesDirectory);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modulesDirectory));
        if (!Directory.Exists(full))
        {
            throw new AiTuneException($"the module tree {full} does not exist", "give the lib/modules/RELEASE directory of the kernel");
        }

        try
        {
            var builtIn = new HashSet<string>(StringComparer.Ordinal);
            if (ReadIndex(full, "modules.builtin") is { } builtinList)
            {
                foreach (var line in builtinList.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (ModuleNames.OfFile(line) is { } name)
                    {
                        builtIn.Add(name);
                    }
                }
            }

            if (ReadIndex(full, "modules.builtin.modinfo") is { } builtinInfo)
            {
                foreach (var record in builtinInfo.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                {
                    int dot = record.IndexOf('.', StringComparison.Ordinal);
                    if (dot > 0)
                    {
                        builtIn.Add(ModuleNames.Normalize(record[..dot]));
                    }
                }
            }

            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var found = new HashSet<string>(StringComparer.Ordinal);
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
            // "updates" overrides "kernel" (depmod's default search order); otherwise the first path in order wins.
            foreach (var path in Directory.EnumerateFiles(full, "*.ko*", options)
                         .Select(p => Path.GetRelativePath(full, p))
                         .OrderBy(p => p.StartsWith("updates/", StringComparison.Ordinal) ? 0 : 1)
                         .ThenBy(p => p, StringComparer.Ordinal))
            {
                if (ModuleNames.OfFile(path) is { } name)
                {
                    found.Add(path);
                    files.TryAdd(name, path);
                }
            }

            Dictionary<string, IReadOnlyList<string>>? dependencies = null;
            if (ReadIndex(full, "modules.dep") is { } dep)
            {
                dependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var line in dep.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0 || ModuleNames.OfFile(line[..colon].Trim()) is not { } name)
                    {
                        throw new AiTuneException($"{full}/modules.dep has a line that is not 'module: dependencies': {Shown(line)}", "run depmod for that kernel again");
                    }

                    dependencies[name] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(d => ModuleNames.OfFile(d) ?? throw new AiTuneException($"{full}/modules.dep names {Shown(d)}, which is not a module file", "run depmod for that kernel again"))
                        .ToArray();
                    string relative = line[..colon].Trim();
                    if (relative.StartsWith('/'))
                    {
                        relative = Path.GetRelativePath(full, relative); // old depmod wrote absolute paths
                    }

                    // Only a file the walk found (not through a link) is read, whatever modules.dep says.
                    if (found.Contains(relative))
                    {
                        files[name] = relative;
                    }
                }
            }

            return new KernelModuleTree(full, builtIn, files, dependencies);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read the module tree {full}: {e.Message}", "check that the directory is readable");
        }
    }

    /// <summary>Whether <paramref name="name"/> is built into the kernel.</summary>
    public bool IsBuiltIn(string name) => builtIn.Contains(ModuleNames.Normalize(name));

    /// <summary>Whether the tree has a module file for <paramref name="name"/>.</summary>
    public bool HasModule(string name) => files.ContainsKey(ModuleNames.Normalize(name));

    /// <summary>The modules to load for <paramref name="wanted"/>, each after its dependencies, decompressed; wanted
    /// names the kernel has built in are listed as such. A missing module or dependency, or a dependency loop, is an
    /// error naming it.</summary>
    public ModuleSelection Resolve(IEnumerable<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var builtInWanted = new List<string>();
        var order = new List<KernelModule>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var each in wanted.Select(ModuleNames.Normalize))
        {
            if (builtIn.Contains(each))
            {
                if (!builtInWanted.Contains(each))
                {
                    builtInWanted.Add(each);
                }

                continue;
            }

            Visit(each, neededBy: null);
        }

        return new ModuleSelection(Release, builtInWanted, order);

        void Visit(string name, string? neededBy)
        {
            if (done.Contains(name) || builtIn.Contains(name))
            {
                return;
            }

            int loop = path.IndexOf(name);
            if (loop >= 0)
            {
                throw new AiTuneException(
                    $"the modules of {Release} depend on each other in a loop: {string.Join(" -> ", path.Skip(loop).Append(name))}",
                    "the module tree is broken: rebuild it or choose another kernel");
            }

            var module = Load(name, neededBy);
            path.Add(name);
            foreach (var dependency in dependencies is null ? ModuleInfo.Read(module.Content, module.RelativePath).Depends : dependencies.GetValueOrDefault(name, []))
            {
                Visit(dependency, name);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(name);
            order.Add(module);
        }
    }

    private KernelModule Load(string name, string? neededBy)
    {
        if (!files.TryGetValue(name, out var relative))
        {
            throw new AiTuneException(
                neededBy is null
                    ? $"the kernel {Release} has no module {name}, and does not have it built in"
                    : $"the kernel {Release} has no module {name}, which {neededBy} depends on",
                "choose a kernel that has it, or give its complete module tree");
        }

        string file = Path.Join(directory, relative);
        string shown = Path.Join(Release, relative);
        byte[] content;
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxFileBytes)
            {
                throw new AiTuneException($"the module {shown} is {info.Length} bytes, more than a module can be", "check the module tree");
            }

            content = Decompression.ReadAll(File.ReadAllBytes(file), MaxModuleBytes, shown);
        }
        catch (InvalidDataException e)
        {
            throw new AiTuneException($"cannot decompress the module {shown}: {e.Message}", "the module file is damaged: reinstall the kernel package");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read the module {shown}: {e.Message}", "check that the module tree is readable");
        }

        var info2 = ModuleInfo.Read(content, shown);
        if (info2.Name is { } inside && inside != name)
        {
            throw new AiTuneException($"the module file {shown} calls itself {inside}", "the module tree is broken: rebuild it or choose another kernel");
        }

        return new KernelModule(name, ModuleNames.Decompressed(relative), content);
    }

    private static string? ReadIndex(string directory, string name)
    {
        string path = Path.Join(directory, name);
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
        {
            return null;
        }

        if (info.Length > MaxFileBytes)
        {
            throw new AiTuneException($"{path} is {info.Length} bytes, more than such an index can be", "check the module tree");
        }

        return Encoding.UTF8.GetString(File.ReadAllBytes(path));
    }

    private static string Shown(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
