using AiTune.Inspection.Kernel;

namespace AiTune.Metrics.Host;

/// <summary>aitune_kernel_info and the end of life of the kernel's longterm branch.</summary>
public sealed class KernelCollector(KernelFacts kernel) : IMetricCollector
{
    public string Name => "kernel";

    public void Collect(CollectorOutput output)
    {
        if (output.KnownObject(kernel.Release, "kernel release") is not { } release)
        {
            return;
        }

        var flavor = output.KnownObject(kernel.Flavor, "kernel flavor");
        var preemption = output.Known(kernel.Preemption, "preemption model");
        var longterm = output.KnownObject(kernel.Longterm, "longterm branch");
        output.Gauge("aitune_kernel_info", "The running kernel: release, flavor (generic, lts, rt, cloud, hardened …), preemption model and kernel.org longterm branch (empty when not longterm); always 1",
        [
            MetricSample.Of(1,
                ("release", release),
                ("flavor", flavor?.Name ?? ""),
                ("preemption", preemption is { } model ? PreemptionModelNames.Of(model) : ""),
                ("longterm_branch", longterm is { IsLongterm: true } ? longterm.Branch : "")),
        ]);

        if (longterm is { IsLongterm: true, EndOfLife: { } endOfLife })
        {
            output.Gauge("aitune_kernel_end_of_life_timestamp_seconds", "Projected end of life of the kernel's kernel.org longterm branch, as a Unix time",
                [MetricSample.Of(new DateTimeOffset(endOfLife.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds())]);
        }
    }
}
