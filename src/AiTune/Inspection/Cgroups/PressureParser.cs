using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Cgroups;

/// <summary>
/// Parses a pressure file (/proc/pressure/cpu, memory, io). Documentation/accounting/psi.rst: "some avg10=0.00
/// avg60=0.00 avg300=0.00 total=0 / full avg10=0.00 avg60=0.00 avg300=0.00 total=0 … The ratios (in %) are tracked
/// as recent trends over ten, sixty, and three hundred second windows … The total absolute stall time (in us) is
/// tracked and exported as well". A malformed "full" line leaves the "some" line known.
/// </summary>
public static class PressureParser
{
    /// <summary>IRQ pressure (Linux 6.1, CONFIG_IRQ_TIME_ACCOUNTING): a "full" line only.</summary>
    public const string IrqPath = "/proc/pressure/irq";

    public static Fact<PressureStall> Parse(string path, string text)
    {
        Fact<PressureLine>? some = null;
        Fact<PressureLine>? full = null;
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            switch (fields[0])
            {
                case "some" when some is null:
                    some = ParseLine(path, "some", fields);
                    break;
                case "full" when full is null:
                    full = ParseLine(path, "full", fields);
                    break;
            }
        }

        if (some is null)
        {
            return Fact.Unknown<PressureStall>(UnknownReason.Malformed(path, "no 'some' line"));
        }

        return some.Value.Map(line => new PressureStall(line,
            full ?? Fact.Unknown<PressureLine>(UnknownKind.Absent, $"{path} has no 'full' line (the CPU has none before Linux 5.13)")));
    }

    /// <summary>One line of a pressure file by its kind ("some" or "full"): /proc/pressure/irq has a "full" line
    /// only (Linux 6.1: "some" makes no sense for IRQ time, which stalls the whole CPU).</summary>
    public static Fact<PressureLine> ParseLine(string path, string text, string kind)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0] == kind)
            {
                return ParseLine(path, kind, fields);
            }
        }

        return Fact.Unknown<PressureLine>(UnknownKind.Absent, $"{path} has no '{kind}' line");
    }

    private static Fact<PressureLine> ParseLine(string path, string kind, string[] fields)
    {
        if (fields.Length == 5
            && TryRatio(fields[1], "avg10=", out var avg10)
            && TryRatio(fields[2], "avg60=", out var avg60)
            && TryRatio(fields[3], "avg300=", out var avg300)
            && fields[4].StartsWith("total=", StringComparison.Ordinal)
            && long.TryParse(fields[4].AsSpan("total=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return new PressureLine(avg10, avg60, avg300, total);
        }

        return Fact.Unknown<PressureLine>(UnknownReason.Malformed(path, $"'{kind}' line is not 'avg10=… avg60=… avg300=… total=…': '{DisplayText.Shorten(string.Join(' ', fields))}'"));
    }

    /// <summary>A percentage printed as "%lu.%02lu": digits, a point, digits, at most 100.</summary>
    private static bool TryRatio(string field, string prefix, out double value)
    {
        value = 0;
        return field.StartsWith(prefix, StringComparison.Ordinal)
            && double.TryParse(field.AsSpan(prefix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && value <= 100;
    }
}
