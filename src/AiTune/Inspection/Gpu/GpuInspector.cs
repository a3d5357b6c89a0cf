using AiTune.Hosting;

namespace AiTune.Inspection.Gpu;

public static class GpuInspector
{
    public static IReadOnlyList<GpuDevice> Inspect(HostRoot root) => [];
}
