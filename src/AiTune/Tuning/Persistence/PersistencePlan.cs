using System.Globalization;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs.Persistence;
using AiTune.Text;

namespace AiTune.Tuning.Persistence;

/// <summary>Everything <c>apply --persist</c> writes, removes and tells the user. Pure: the caller writes the files
/// atomically and journals them.</summary>
/// <param name="Files">The files to write, only those with settings: sysctl, udev, tmpfiles, GRUB, in that order.</param>
/// <param name="Sysctl">Where the sysctl file goes and what it beats or loses to; null without sysctl settings.</param>
/// <param name="Obsolete">Files an earlier <c>--persist</c> wrote that this one does not write again (a sysctl file
/// under another NN, a kind no longer persisted): remove them, or they keep applying old values at boot.</param>
/// <param name="Notes">Sentences for the user: sysctl files that override aitune at boot, steps left to do
/// (regenerate grub.cfg), and limits of what boot will do.</param>
public sealed record PersistencePlan(
    IReadOnlyList<RenderedFile> Files,
    SysctlDropInPlan? Sysctl,
    IReadOnlyList<string> Obsolete,
    IReadOnlyList<string> Notes)
{
    /// <exception cref="AiTuneException">Any value a renderer refuses, or an owned file that is not one of
    /// aitune's (<see cref="PersistencePaths.IsAituneFile"/>): the journal would have aitune delete a file it never wrote.</exception>
    public static PersistencePlan Build(PersistenceRequest request, BootSysctlConfiguration boot)
    {
        var foreign = request.OwnedFiles.FirstOrDefault(p => !PersistencePaths.IsAituneFile(p));
        if (foreign is not null)
        {
            throw new AiTuneException($"the journal lists {DisplayText.Shorten(foreign)} as written by aitune, but aitune never writes there",
                "the journal may be damaged: check it with `aitune status` before persisting again");
        }

        var files = new List<RenderedFile>();
        var notes = new List<string>();
        SysctlDropInPlan? sysctl = null;
        if (request.Sysctls.Count > 0)
        {
            sysctl = SysctlDropIn.Plan(boot, request.Sysctls, request.OwnedFiles);
            files.Add(SysctlDropIn.Render(sysctl, request.Profile, request.AppliedAt, request.User));
            notes.AddRange(sysctl.OverriddenBy.Select(rival => Describe(rival, sysctl.FileName)));
            if (boot.Problems.Count > 0)
            {
                notes.Add($"Some sysctl configuration could not be read or parsed ({DisplayText.Shorten(boot.Problems[0].Detail)}): a line aitune cannot see may still override {sysctl.FileName} at boot.");
            }
        }

        if (request.BlockSettings.Count > 0)
        {
            files.Add(UdevRule.Render(request.Profile, request.BlockSettings));
        }

        if (request.SysfsWrites.Count > 0)
        {
            files.Add(TmpfilesEntry.Render(request.Profile, request.SysfsWrites));
            if (request.SysfsWrites.Any(w => w.Path.StartsWith("/sys/devices/system/cpu/", StringComparison.Ordinal)))
            {
                notes.Add($"{PersistencePaths.Tmpfiles} writes the CPU frequency settings early in boot; where the cpufreq driver is a module loaded later, its files do not exist yet and those lines do nothing.");
            }

            if (request.SysfsWrites.Any(w => w.Path.Contains("/hugepages/", StringComparison.Ordinal)))
            {
                notes.Add($"{PersistencePaths.Tmpfiles} reserves huge pages after boot, when memory may already be fragmented; hugepages= on the kernel command line reserves them before anything else runs.");
            }
        }

        if (request.CmdlineParameters.Count > 0)
        {
            files.Add(GrubDropIn.Render(request.Profile, request.CmdlineParameters));
            notes.Add("The kernel command line changes only after grub.cfg is regenerated: run update-grub (Debian, Ubuntu) or grub2-mkconfig -o /boot/grub2/grub.cfg (Fedora, RHEL), then reboot.");
        }

        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var obsolete = request.OwnedFiles.Where(p => !written.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        return new PersistencePlan(files, sysctl, obsolete, notes);
    }

    /// <remarks>The other file's value comes from the host and is shortened to printable text.</remarks>
    private static string Describe(SysctlRival rival, string ourFile)
    {
        string theirs = DisplayText.Shorten(rival.Value ?? "");
        string where = string.Create(CultureInfo.InvariantCulture, $"{rival.File}:{rival.Line}");
        if (rival.IsExclusion)
        {
            return $"{where} excludes {rival.Key} ('-{rival.Key}') and is applied after {ourFile}: systemd-sysctl will not set {rival.Key} at boot.";
        }

        if (rival.IsGlob)
        {
            return $"{where} sets {rival.WrittenKey} = {theirs} and is applied after {ourFile}: systemd-sysctl keeps aitune's {rival.Key} = {rival.AituneValue} (an explicit key beats a glob), but procps `sysctl --system` would apply {theirs}.";
        }

        return rival.Agrees
            ? $"{where} also sets {rival.Key} = {theirs} and is applied after {ourFile}: the same value today, but that file has the last word on {rival.Key} at boot."
            : $"{where} sets {rival.Key} = {theirs} and is applied after {ourFile}: it overrides aitune's {rival.Key} = {rival.AituneValue} at boot.";
    }
}
