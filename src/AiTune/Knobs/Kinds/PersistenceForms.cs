using AiTune.Knobs.Persistence;

namespace AiTune.Knobs.Kinds;

/// <summary>Where each <see cref="PersistenceForm"/> lives: the same names apply --persist writes
/// (<see cref="PersistencePaths"/>), so verify and the fix text look where apply wrote.</summary>
public static class PersistenceForms
{
    /// <summary>The file apply writes, or null for sysctl.d, whose NN-aitune.conf name is chosen per host against the
    /// files already there (<see cref="SysctlDropInName"/>).</summary>
    public static string? FixedFile(this PersistenceForm form) => form switch
    {
        PersistenceForm.UdevRule => PersistencePaths.UdevRule,
        PersistenceForm.Tmpfiles => PersistencePaths.Tmpfiles,
        PersistenceForm.GrubDropIn => PersistencePaths.Grub,
        _ => null,
    };

    /// <summary>The directory the form's file is in, with a trailing slash: "/etc/sysctl.d/".</summary>
    public static string Directory(this PersistenceForm form) =>
        form.FixedFile() is { } file ? file[..(file.LastIndexOf('/') + 1)] : PersistencePaths.SysctlDirectory + "/";
}
