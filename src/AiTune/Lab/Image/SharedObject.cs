namespace AiTune.Lab.Image;

/// <summary>A file the guest's loader opens: <see cref="GuestPath"/> is the path the loader names it by (PT_INTERP as
/// written, or the directory it found a DT_NEEDED in), the same in the guest as on the host; <see cref="HostFile"/>
/// is the file that path leads to on the host once every link is followed.</summary>
public sealed record SharedObject(string GuestPath, string HostFile);
