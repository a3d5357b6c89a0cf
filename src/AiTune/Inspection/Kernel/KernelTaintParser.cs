using System.Globalization;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Decodes /proc/sys/kernel/tainted: "Non-zero if the kernel has been tainted. Numeric values, which can be
/// ORed together" (Documentation/admin-guide/sysctl/kernel.rst); the bits are those of
/// Documentation/admin-guide/tainted-kernels.rst.</summary>
public static class KernelTaintParser
{
    /// <summary>The table "Table for decoding tainted state" of tainted-kernels.rst, bit by bit (Linux 6.15+, 20 bits).</summary>
    private static readonly (char Letter, string Meaning)[] Bits =
    [
        ('P', "proprietary module was loaded"),
        ('F', "module was force loaded"),
        ('S', "kernel running on an out of specification system"),
        ('R', "module was force unloaded"),
        ('M', "processor reported a Machine Check Exception (MCE)"),
        ('B', "bad page referenced or some unexpected page flags"),
        ('U', "taint requested by userspace application"),
        ('D', "kernel died recently, i.e. there was an OOPS or BUG"),
        ('A', "ACPI table overridden by user"),
        ('W', "kernel issued warning"),
        ('C', "staging driver was loaded"),
        ('I', "workaround for bug in platform firmware applied"),
        ('O', "externally-built (\"out-of-tree\") module was loaded"),
        ('E', "unsigned module was loaded"),
        ('L', "soft lockup occurred"),
        ('K', "kernel has been live patched"),
        ('X', "auxiliary taint, defined for and used by distros"),
        ('T', "kernel was built with the struct randomization plugin"),
        ('N', "an in-kernel test has been run"),
        ('J', "userspace used a mutating debug operation in fwctl"),
    ];

    public static Fact<KernelTaint> Parse(string text, string path = "/proc/sys/kernel/tainted")
    {
        var trimmed = text.Trim();
        if (!ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var raw))
        {
            return Fact.Unknown<KernelTaint>(UnknownReason.Malformed(path, $"expected a decimal number, got \"{Shorten(trimmed)}\""));
        }

        if (raw > long.MaxValue)
        {
            return Fact.Unknown<KernelTaint>(UnknownReason.Malformed(path, $"{raw} is beyond any taint mask"));
        }

        var flags = new List<TaintFlag>();
        for (int bit = 0; bit < 63; bit++)
        {
            if ((raw & (1UL << bit)) == 0)
            {
                continue;
            }

            flags.Add(bit < Bits.Length
                ? new TaintFlag(bit, Bits[bit].Letter, Bits[bit].Meaning)
                : new TaintFlag(bit, '?', $"bit {bit}, newer than the tainted-kernels.rst table aitune knows"));
        }

        return new KernelTaint((long)raw, flags);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
