using System.Globalization;
using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Memory;

/// <summary>Huge page reservations on the kernel command line, read as mm/hugetlb.c reads them.
/// kernel-parameters.txt: "hugepages= … If this follows hugepagesz (below), it specifies the number of pages of
/// hugepagesz to be allocated. If this is the first HugeTLB parameter on the command line, it specifies the
/// number of pages to allocate for the default huge page size. If using node format, the number of pages to
/// allocate per-node can be specified. Format: &lt;integer&gt; or (node format) &lt;node&gt;:&lt;integer&gt;[,&lt;node&gt;:&lt;integer&gt;]";
/// "hugepagesz= … The pair hugepagesz=X hugepages=Y can be specified once for each supported huge page size";
/// "default_hugepagesz= … the size represented by the legacy /proc/ hugepages APIs".</summary>
public static class HugePageCommandLine
{
    public const string Source = "kernel command line";

    /// <summary>The kernel's MAX_NUMNODES is at most 1024 (NODES_SHIFT 10).</summary>
    private const int MaxNode = 1023;

    /// <summary>Requests in command-line order. PageSizeBytes is null when the command line names no size for
    /// the request (a leading hugepages=, which sizes the default pool). Parameters the kernel ignores (hugepages=
    /// after an unusable hugepagesz=, a second hugepages= for the same size, a malformed value) give nothing.</summary>
    public static IReadOnlyList<HugePageRequest> Parse(KernelCommandLine cmdline)
    {
        var requests = new List<HugePageRequest>();
        var sizesSeen = new HashSet<long>();
        long? currentSize = null;
        long? defaultSize = null;
        bool sizeValid = true;
        bool anySizeParameter = false;
        long? lastTarget = long.MinValue;
        foreach (var parameter in cmdline.Parameters)
        {
            var value = parameter.Value ?? "";
            switch (parameter.Name)
            {
                case "hugepagesz":
                    var size = ValidSize(value);
                    // "hugepagesz=%s specified twice, ignoring" (and the following hugepages= with it), unless
                    // it names the default_hugepagesz= size whose count is not given yet.
                    sizeValid = size is not null
                        && (sizesSeen.Add(size.Value) || (size == defaultSize && !requests.Any(r => r.PageSizeBytes == size)));
                    if (sizeValid)
                    {
                        currentSize = size;
                        anySizeParameter = true;
                    }

                    break;
                case "default_hugepagesz":
                    sizeValid = defaultSize is null && ValidSize(value) is not null;
                    if (sizeValid)
                    {
                        defaultSize = ValidSize(value)!.Value;
                        // The default size's pool exists from here on; a following hugepages= fills it, and an
                        // earlier bare hugepages= was for the default size, which is now known.
                        sizesSeen.Add(defaultSize.Value);
                        currentSize = defaultSize;
                        anySizeParameter = true;
                        for (int i = 0; i < requests.Count; i++)
                        {
                            if (requests[i].PageSizeBytes is null)
                            {
                                requests[i] = requests[i] with { PageSizeBytes = defaultSize };
                            }
                        }
                    }

                    break;
                case "hugepages":
                    if (!sizeValid)
                    {
                        sizeValid = true;
                        break;
                    }

                    long? target = anySizeParameter ? currentSize : null;
                    if (target == lastTarget)
                    {
                        break; // "hugepages= specified twice without interleaving hugepagesz=, ignoring"
                    }

                    var parsed = ParseCounts(value, target);
                    if (parsed is not null)
                    {
                        requests.AddRange(parsed);
                        lastTarget = target;
                    }

                    break;
            }
        }

        return requests;
    }

    /// <summary>A huge page size is a power of two of at least 64 KiB (arm64's contiguous PTE size), as
    /// arch_hugetlb_valid_size accepts on every architecture aitune knows.</summary>
    private static long? ValidSize(string text) =>
        KernelSize.Parse(text) is { } size && size >= 64 * 1024 && (size & (size - 1)) == 0 ? size : null;

    private static List<HugePageRequest>? ParseCounts(string value, long? size)
    {
        if (!value.Contains(':'))
        {
            return TryCount(value, out var count) ? [new HugePageRequest(size, count, null, Source, AtBoot: true)] : null;
        }

        var requests = new List<HugePageRequest>();
        foreach (var pair in value.Split(','))
        {
            var parts = pair.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var node) || node > MaxNode
                || !TryCount(parts[1], out var count))
            {
                return null; // "Invalid hugepages parameter": the kernel drops the whole parameter
            }

            requests.Add(new HugePageRequest(size, count, node, Source, AtBoot: true));
        }

        return requests;
    }

    private static bool TryCount(string text, out long count) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}
