namespace AiTune.Tuning.Writing;

/// <summary>The state of the directory one of aitune's configuration files goes into.</summary>
public enum DropInDirectory
{
    /// <summary>It exists (/etc/sysctl.d on any systemd host).</summary>
    Present,

    /// <summary>It is missing but the directory above exists, so writing the file creates it
    /// (/etc/default/grub.d on a GRUB host that has no drop-ins yet); rollback removes it again.</summary>
    Created,

    /// <summary>The directory above is missing too: the software that reads the file (udev, GRUB) is not there.</summary>
    Unavailable,
}
