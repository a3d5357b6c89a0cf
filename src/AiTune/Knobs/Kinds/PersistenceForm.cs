namespace AiTune.Knobs.Kinds;

/// <summary>The boot-time file apply --persist writes a kind's values to (<see cref="Persistence.PersistencePaths"/>).</summary>
public enum PersistenceForm
{
    /// <summary>/etc/sysctl.d/NN-aitune.conf, NN chosen per host (<see cref="Persistence.SysctlDropInName"/>).</summary>
    SysctlDropIn,
    /// <summary>/etc/udev/rules.d/99-aitune.rules, per drive class, so drives added later get the value too.</summary>
    UdevRule,
    /// <summary>/etc/tmpfiles.d/aitune.conf: systemd-tmpfiles writes the sysfs file at every boot.</summary>
    Tmpfiles,
    /// <summary>/etc/default/grub.d/90-aitune.cfg: a kernel command-line parameter.</summary>
    GrubDropIn,
}
