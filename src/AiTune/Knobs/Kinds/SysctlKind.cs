using System.Text.RegularExpressions;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs.Persistence;
using AiTune.Text;

namespace AiTune.Knobs.Kinds;

/// <summary>"sysctl:KEY": /proc/sys/KEY, persisted in /etc/sysctl.d/NN-aitune.conf.</summary>
public sealed partial class SysctlKind : KnobKindDescriptor
{
    public override KnobKind Kind => KnobKind.Sysctl;

    public override string Prefix => "sysctl";

    public override bool IsKnown(Knob knob) => IsValidKey(knob.Name);

    /// <summary>A dotted sysctl key of letters, digits, '_', '-' and '.', with no empty component: nothing that
    /// could leave /proc/sys or glob.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and < 256
        && key.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));

    public override string UnknownNameHint => " (a sysctl key is dotted letters, digits, '_' and '-': no '/', '..', globs or spaces)";

    public override string? NeverWritten(Knob knob) => ForbiddenSysctls.Why(knob.Name);

    public override string? SysctlKey(Knob knob) => knob.Name;

    public override KnobReading Read(HostFacts facts, Knob knob, int? node) => One(facts.Sysctls.Get(knob.Name));

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        RequireHostWide(knob, subject);
        return new KnobLocation(Inspection.Sysctl.SysctlKey.ToProcPath(knob.Name).Value);
    }

    /// <summary>/proc/sys files of valid sysctl names that are not forbidden. This also admits
    /// /proc/sys/vm/compact_memory (the huge page retry) and /proc/sys/kernel/sched_* (the scheduler tunables before
    /// 5.13).</summary>
    public override bool MayWrite(string canonicalHostPath) =>
        ProcSys().IsMatch(canonicalHostPath) && ForbiddenSysctls.WhyPath(canonicalHostPath) is null;

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site) => FixFor(site, knob.Name, value);

    /// <summary>The sysctl.d file apply would write on this host, and what still overrides the key at boot after it:
    /// the same file, order and winner as apply and verify.</summary>
    public static KnobFix FixFor(FixSite site, string key, string value)
    {
        var file = site.SysctlFile ?? FixForms.NoFreeSysctlFile;
        var persistent = $"add \"{key} = {value}\" to {file}, then sysctl --system";
        if (site.SysctlFile is { } path
            && SysctlDropInName.OverridingAtBoot(site.Facts.Sysctls.BootConfiguration, path, key, value).FirstOrDefault(r => !r.IsGlob) is { } later)
        {
            persistent += later.IsExclusion
                ? $"; but {later.File}:{later.Line} excludes {key} after it (systemd-sysctl would leave it unset): remove that line"
                : $"; but {later.File}:{later.Line} sets {key} = {DisplayText.Shorten(later.Value!)} after it and wins at boot: change that line instead";
        }

        return new($"sysctl -w {key}={value}", persistent);
    }

    public override PersistenceForm Persistence => PersistenceForm.SysctlDropIn;

    public override TunedOption Tuned(Knob knob, string value) => new("sysctl", knob.Name, value, Dedicated: true);

    /// <summary>Values the kernel makes one-way: once written, only a reboot takes them back, so rollback cannot.
    /// From Documentation/admin-guide/sysctl/kernel.rst and Documentation/admin-guide/LSM/Yama.rst.</summary>
    public override string? Irreversible(Knob knob, string value) => (knob.Name, value.Trim()) switch
    {
        ("kernel.modules_disabled", "1") => "kernel.modules_disabled=1 cannot be cleared: no module loads until reboot (GPU drivers included)",
        ("kernel.kexec_load_disabled", "1") => "kernel.kexec_load_disabled=1 cannot be cleared until reboot (kdump and kexec reboots stop working)",
        ("kernel.yama.ptrace_scope", "3") => "kernel.yama.ptrace_scope=3 cannot be lowered until reboot",
        ("kernel.unprivileged_bpf_disabled", "1") => "kernel.unprivileged_bpf_disabled=1 cannot be cleared until reboot (2 can)",
        _ when knob.Name.StartsWith("kernel.kexec_load_limit_", StringComparison.Ordinal) => $"{knob.Name} can only be lowered, never raised again until reboot",
        _ => null,
    };

    // Components are what IsValidKey admits.
    [GeneratedRegex(@"^/proc/sys(/[A-Za-z0-9_-]{1,255})+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcSys();
}
