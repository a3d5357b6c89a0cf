using AiTune.Knobs;
using AiTune.Knobs.Kinds;
using AiTune.Knobs.Persistence;

namespace AiTune.Audit;

/// <summary>The runtime command and the persistent form that set a knob. Each kind's descriptor words its own
/// (<see cref="KnobKindDescriptor.Fix"/>); the persistent forms are the ones that survive the next boot and a package
/// upgrade: sysctl.d, udev, tmpfiles.d, GRUB drop-ins (never rc.local). The helpers here serve the rules that are not
/// one knob.</summary>
public static class KnobFixes
{
    // The files apply --persist writes, so the audit's fix and apply name the same ones.
    public const string UdevFile = PersistencePaths.UdevRule;
    public const string TmpfilesFile = PersistencePaths.Tmpfiles;
    public const string GrubFile = PersistencePaths.Grub;

    /// <summary>debugfs holds the scheduler tunables and the preemption switch, and many hosts do not mount it: the
    /// runtime fix mounts it first where it is missing, so the command works as printed.</summary>
    public const string MountDebugfs = FixForms.MountDebugfs;

    public static Fix For(AuditContext context, Knob knob, string value, IEnumerable<string> subjects) =>
        From(KnobKinds.Of(knob).Fix(knob, value, subjects.ToList(), Site(context)));

    /// <summary>The sysctl.d file apply would write on this host (<see cref="AuditContext.SysctlFile"/>), and what still
    /// overrides the key at boot after it: the same file, order and winner as apply and verify.</summary>
    public static string SysctlFile(AuditContext context) => context.SysctlFile ?? FixForms.NoFreeSysctlFile;

    public static Fix Sysctl(AuditContext context, string key, string value) => From(SysctlKind.FixFor(Site(context), key, value));

    public static Fix KernelParameter(string parameter, string? runtime = null) => From(FixForms.KernelParameter(parameter, runtime));

    public static Fix Tmpfiles(string path, string value, string runtime) => From(FixForms.Tmpfiles(path, value, runtime));

    private static FixSite Site(AuditContext context) => new(context.Facts, context.SysctlFile);

    private static Fix From(KnobFix fix) => new(fix.Runtime, fix.Persistent);
}
