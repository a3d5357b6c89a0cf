using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>kernel.org's longterm branches with their projected end of life, shipped in the binary
/// (longterm-branches.tsv, compiled in as <see cref="LongtermBranchesText"/>) so that audits work offline; <see cref="CheckedOn"/> says how fresh it is.</summary>
public sealed partial record LongtermTable(DateOnly CheckedOn, IReadOnlyList<LongtermBranch> Branches)
{
    private static readonly Lazy<Fact<LongtermTable>> ShippedTable = new(() => Parse(LongtermBranchesText.Text, LongtermBranchesText.Source));

    /// <summary>The table embedded in aitune.</summary>
    public static Fact<LongtermTable> Shipped => ShippedTable.Value;

    /// <summary>Where <paramref name="release"/>'s branch stands on <paramref name="at"/>.</summary>
    public Fact<LongtermStatus> Status(string release, DateOnly at)
    {
        var match = BranchOf().Match(release);
        if (!match.Success)
        {
            return Fact.Unknown<LongtermStatus>(UnknownReason.Malformed("/proc/sys/kernel/osrelease", $"no major.minor version in \"{release}\""));
        }

        var branch = $"{match.Groups["major"].Value}.{match.Groups["minor"].Value}";
        var row = Branches.FirstOrDefault(b => b.Branch == branch);
        return row is null
            ? new LongtermStatus(branch, false, null, false, CheckedOn)
            : new LongtermStatus(branch, true, row.ProjectedEndOfLife, row.ProjectedEndOfLife < at, CheckedOn);
    }

    /// <summary>Parses the TSV: '#' comments (one of them "# checked: YYYY-MM-DD"), a header, then
    /// branch, released, projected_eol.</summary>
    public static Fact<LongtermTable> Parse(string text, string source)
    {
        DateOnly? checkedOn = null;
        var branches = new List<LongtermBranch>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("branch\t", StringComparison.Ordinal))
            {
                continue;
            }

            if (line[0] == '#')
            {
                var checkedMatch = CheckedLine().Match(line);
                if (checkedMatch.Success && TryDate(checkedMatch.Groups["date"].Value, out var date))
                {
                    checkedOn = date;
                }

                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 3 || !BranchOf().IsMatch(columns[0]) || !TryDate(columns[1], out var released) || !TryDate(columns[2], out var eol))
            {
                return Fact.Unknown<LongtermTable>(UnknownReason.Malformed(source, $"bad row \"{line}\""));
            }

            branches.Add(new LongtermBranch(columns[0], released, eol));
        }

        if (checkedOn is null)
        {
            return Fact.Unknown<LongtermTable>(UnknownReason.Malformed(source, "no \"# checked: YYYY-MM-DD\" line"));
        }

        return new LongtermTable(checkedOn.Value, branches);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^(?<major>[0-9]{1,3})\.(?<minor>[0-9]{1,3})(?![0-9])")]
    private static partial Regex BranchOf();

    [GeneratedRegex(@"^#\s*checked:\s*(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\s*$")]
    private static partial Regex CheckedLine();
}
