namespace AiTune.Hosting;

public enum HostEntryKind
{
    File,
    Directory,
    Symlink,
    /// <summary>A FIFO, socket or device node: never opened, because opening a FIFO blocks.</summary>
    Other,
}
