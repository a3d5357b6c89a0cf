namespace AiTune.Tests.Lab.Image;

/// <summary>One entry of a newc archive as <see cref="NewcReader"/> read it.</summary>
public sealed record NewcEntry(uint Inode, uint Mode, uint Uid, uint Gid, uint NLink, uint MTime, uint RdevMajor, uint RdevMinor, string Name, byte[] Data)
{
    public uint Type => Mode & 0xF000;

    public uint Permissions => Mode & 0xFFF;
}
