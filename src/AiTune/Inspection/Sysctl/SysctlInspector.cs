using System.Text;
using AiTune.Hosting;

namespace AiTune.Inspection.Sysctl;

/// <summary>Reads sysctls as the kernel holds them now (/proc/sys) and as the configuration files set them at boot.</summary>
public static class SysctlInspector
{
    /// <summary>Sysctl values are short; the longest (kernel.printk_devkmsg, net.*.tcp_*mem) are tens of bytes.</summary>
    private const int MaxValueBytes = 64 * 1024;

    public static SysctlFacts Inspect(HostRoot root, IEnumerable<string> keys)
    {
        var runtime = new Dictionary<string, Fact<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            runtime.TryAdd(key, ReadRuntime(root, key));
        }

        var boot = BootSysctlResolver.Read(root);
        return new SysctlFacts(runtime, boot.Boot, boot.Files) { BootConfiguration = boot };
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
