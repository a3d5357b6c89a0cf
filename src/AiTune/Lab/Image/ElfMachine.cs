namespace AiTune.Lab.Image;

/// <summary>The machines a lab guest can run, by their ELF e_machine numbers.</summary>
public enum ElfMachine
{
    X64 = 62,
    Arm64 = 183,
}
