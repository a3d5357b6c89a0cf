namespace AiTune.Hosting;

public enum HostAccessKind
{
    File,
    Directory,
    Symlink,
    Failure,
}
