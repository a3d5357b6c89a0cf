using AiTune.Hosting;

namespace AiTune.Inspection.Storage;

public static class StorageInspector
{
    public static StorageFacts Inspect(HostRoot root) =>
        new(Fact.Unknown<IReadOnlyList<BlockDevice>>(UnknownKind.Unreadable, "not implemented yet"));
}
