using System.Text;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Sysctl;

/// <summary>Reads sysctls as the kernel holds them now (/proc/sys) and as the configuration files set them at boot.</summary>
public static class SysctlInspector
{
    /// <summary>Sysctl values are short; the longest (kernel.printk_devkmsg, net.*.tcp_*mem) are tens of bytes.</summary>
    private const int MaxValueBytes = 64 * 1024;

    /// <param name="kernel">The kernel, for the sysctl.* parameters of its command line (applied at boot before
    /// any file); null reads none.</param>
    public static SysctlFacts Inspect(HostRoot root, IEnumerable<string> keys, Kernel.KernelFacts? kernel = null) =>
        Inspect(root, keys, kernel is null ? null : KernelCommandLineSysctls.From(kernel.Cmdline, kernel.Release));

    /// <param name="kernel">The running kernel's release and command line, for the same parameters.</param>
    public static SysctlFacts Inspect(HostRoot root, IEnumerable<string> keys, Kernel.KernelIdentity kernel) =>
        Inspect(root, keys, KernelCommandLineSysctls.From(kernel.Cmdline, kernel.Release));

    private static SysctlFacts Inspect(HostRoot root, IEnumerable<string> keys, SysctlConfigFile? commandLine)
    {
        var runtime = new Dictionary<string, Fact<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            runtime.TryAdd(key, ReadRuntime(root, key));
        }

        var boot = BootSysctlResolver.Read(root, commandLine);
        return new SysctlFacts(runtime, boot.Boot, boot.Files) { BootConfiguration = boot };
    }

    /// <summary>Far above the keys of any kernel (a few thousand, most of them per network interface); a deeper or
    /// larger tree is cut off there rather than walked without end.</summary>
    private const int MaxKeys = 100_000;

    private const int MaxDepth = 12;

    /// <summary><paramref name="facts"/> with <see cref="SysctlFacts.KernelKeys"/> listed, when the root is the live
    /// kernel and a key read that <paramref name="mayBeMisspelt"/> is absent from it; the facts unchanged otherwise.
    /// The listing walks all of /proc/sys (over a thousand entries), so it is made only where a misspelt key can be
    /// named with the closest one: the caller says which keys a person wrote. Kept apart from
    /// <see cref="Inspect"/>: a snapshot records every listing made while it captures, and the whole /proc/sys tree
    /// is not what a snapshot is for.</summary>
    public static SysctlFacts WithKernelKeys(HostRoot root, SysctlFacts facts, Func<string, bool> mayBeMisspelt)
    {
        if (!root.IsLive || !facts.Runtime.Any(pair => pair.Value.Reason is { Kind: UnknownKind.Absent } && mayBeMisspelt(pair.Key)))
        {
            return facts;
        }

        var keys = new List<string>();
        Walk("/proc/sys", "", 0);
        keys.Sort(StringComparer.Ordinal);
        return facts with { KernelKeys = keys };

        void Walk(string directory, string prefix, int depth)
        {
            if (depth > MaxDepth || !root.List(directory).TryGet(out var entries))
            {
                return;
            }

            foreach (var entry in entries)
            {
                if (keys.Count >= MaxKeys)
                {
                    return;
                }

                // A dot inside a component ("enp3s0.200") is a slash in the dotted key (sysctl.d(5)).
                var key = prefix + entry.Name.Replace('.', '/');
                if (entry.Kind == HostEntryKind.Directory)
                {
                    Walk($"{directory}/{entry.Name}", key + ".", depth + 1);
                }
                else if (entry.Kind == HostEntryKind.File)
                {
                    keys.Add(key);
                }
            }
        }
    }

    /// <summary>The value under /proc/sys, whitespace runs collapsed ("4096\t131072\t6291456\n" → "4096 131072 6291456").</summary>
    public static Fact<string> ReadRuntime(HostRoot root, string key) =>
        SysctlKey.ToProcPath(key).Bind(path => root.ReadText(path, MaxValueBytes)).Map(CollapseWhitespace);

    public static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
