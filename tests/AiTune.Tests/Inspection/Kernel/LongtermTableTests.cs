using AiTune.Facts;
using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public class LongtermTableTests
{
    [Fact]
    public void The_shipped_table_holds_the_longterm_branches_with_their_projected_end_of_life()
    {
        var table = LongtermTable.Shipped.Value;

        Assert.Equal(new DateOnly(2026, 11, 25), table.CheckedOn);
        var byBranch = table.Branches.ToDictionary(b => b.Branch);
        Assert.Equal(new LongtermBranch("6.18", new DateOnly(2025, 11, 30), new DateOnly(2028, 12, 31)), byBranch["6.18"]);
        Assert.Equal(new DateOnly(2028, 12, 31), byBranch["6.12"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2027, 12, 31), byBranch["6.6"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2027, 12, 31), byBranch["6.1"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2026, 12, 31), byBranch["5.15"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2026, 12, 31), byBranch["5.10"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2025, 12, 31), byBranch["5.4"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2024, 12, 31), byBranch["4.19"].ProjectedEndOfLife);
        Assert.Equal(new DateOnly(2024, 1, 31), byBranch["4.14"].ProjectedEndOfLife);
        Assert.All(table.Branches, b => Assert.True(b.Released < b.ProjectedEndOfLife));
    }

    [Fact]
    public void A_longterm_branch_is_judged_against_the_moment_given()
    {
        var table = LongtermTable.Shipped.Value;

        Assert.Equal(new LongtermStatus("6.12", true, new DateOnly(2028, 12, 31), false, table.CheckedOn),
            table.Status("6.12.10-hardened1-1-hardened", new DateOnly(2025, 6, 1)).Value);
        Assert.True(table.Status("6.12.10", new DateOnly(2029, 1, 1)).Value.EndOfLifePassed);
        Assert.False(table.Status("6.12.10", new DateOnly(2028, 12, 31)).Value.EndOfLifePassed);
        Assert.True(table.Status("4.19.0-27-amd64", new DateOnly(2025, 6, 1)).Value.EndOfLifePassed);
    }

    [Fact]
    public void A_branch_outside_the_table_is_not_longterm()
    {
        var status = LongtermTable.Shipped.Value.Status("6.8.0-51-generic", new DateOnly(2025, 6, 1)).Value;

        Assert.Equal("6.8", status.Branch);
        Assert.False(status.IsLongterm);
        Assert.Null(status.EndOfLife);
        Assert.False(status.EndOfLifePassed);
    }

    [Fact]
    public void Branch_61_is_not_confused_with_612_or_616()
    {
        var table = LongtermTable.Shipped.Value;

        Assert.Equal("6.1", table.Status("6.1.0-28-rt-amd64", new DateOnly(2025, 1, 1)).Value.Branch);
        Assert.False(table.Status("6.16.3", new DateOnly(2025, 1, 1)).Value.IsLongterm);
    }

    [Fact]
    public void A_release_without_a_version_number_is_malformed()
    {
        Assert.Equal(UnknownKind.Malformed, LongtermTable.Shipped.Value.Status("linux", new DateOnly(2025, 1, 1)).Reason!.Kind);
    }

    [Theory]
    [InlineData("branch\treleased\tprojected_eol\n6.12\t2024-11-17\t2028-12-31\n")]
    [InlineData("# checked: 2026-01-01\n6.12\t2024-11-17\n")]
    [InlineData("# checked: 2026-01-01\n6.12\t2024-11-17\tDec, 2028\n")]
    public void A_damaged_table_is_malformed(string text)
    {
        Assert.Equal(UnknownKind.Malformed, LongtermTable.Parse(text, "t.tsv").Reason!.Kind);
    }
}
