using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>The shipped systemd unit of aitune serve and its tuning drop-in, checked by systemd's own tools (this
/// machine's PID 1 is not systemd: the unit is verified and scored, not run). `verify` checks that ExecStart is
/// executable, so the unit is checked with ExecStart pointing at the binary beside the tests.</summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("aitune-unit-").FullName;

    private static string Contrib => Path.Join(GoldenFile.RepositoryRoot, "contrib", "systemd");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Theory]
    [InlineData(false, 1.3)]
    [InlineData(true, 1.5)]
    public void The_unit_verifies_and_keeps_its_exposure_with_and_without_the_tuning_drop_in(bool dropIn, double exposure)
    {
        string unit = Install(dropIn);

        var verify = ExternalCommand.Run("systemd-analyze", ["verify", unit]);
        var security = ExternalCommand.Run("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit]);

        Assert.True(verify.ExitCode == 0 && verify.Error.Length == 0, verify.All);
        var overall = OverallExposure().Match(security.Output);
        Assert.True(overall.Success, security.All);
        Assert.Equal(exposure, double.Parse(overall.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains("✓ User=/DynamicUser=", security.Output, StringComparison.Ordinal);
        // The drop-in's one capability is what moves the score: the file-permission override systemd flags.
        Assert.Equal(dropIn, security.Output.Contains("✗ CapabilityBoundingSet=~CAP_(DAC_*|FOWNER|IPC_OWNER)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_unit_with_a_misspelt_setting_fails_verification()
    {
        // The check can fail: systemd names the unknown setting (on stderr, still exiting 0, which is why the test
        // above wants stderr empty).
        string unit = Install(dropIn: false);
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("ProtectSystem=strict", "ProtectSytem=strict", StringComparison.Ordinal));

        var verify = ExternalCommand.Run("systemd-analyze", ["verify", unit]);

        Assert.Contains("Unknown key 'ProtectSytem' in section [Service]", verify.Error, StringComparison.Ordinal);
    }

    private string Install(bool dropIn)
    {
        string unit = Path.Join(scratch, "aitune-serve.service");
        File.WriteAllText(unit, File.ReadAllText(Path.Join(Contrib, "aitune-serve.service"))
            .Replace("ExecStart=/usr/local/bin/aitune ", $"ExecStart={Aitune.Binary} ", StringComparison.Ordinal));
        if (dropIn)
        {
            Directory.CreateDirectory(unit + ".d");
            File.Copy(Path.Join(Contrib, "aitune-serve.service.d", "tuning-state.conf"), Path.Join(unit + ".d", "tuning-state.conf"));
        }

        return unit;
    }

    [GeneratedRegex(@"Overall exposure level for aitune-serve\.service: (\d+\.\d)")]
    private static partial Regex OverallExposure();
}
