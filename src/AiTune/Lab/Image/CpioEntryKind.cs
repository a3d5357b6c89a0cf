namespace AiTune.Lab.Image;

/// <summary>The kinds of entry a guest's initramfs needs.</summary>
public enum CpioEntryKind
{
    Directory,
    RegularFile,
    Symlink,
    CharacterDevice,
}
