using System.Globalization;
using AiTune.Serialization;
using AiTune.Text;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune lab boot` for people: each kernel's healthy boots and their times, then the boots that failed.</summary>
public static class LabBootTextRenderer
{
    public static void Render(LabBootDocument document, TextWriter output)
    {
        output.WriteLine($"aitune lab boot: {document.Kernels.Count} kernel(s), {document.Accelerator.ToUpperInvariant()} ({document.Measure}), " +
            $"{document.Cpus} vCPU, {document.MemoryMiB} MiB, QEMU {document.Qemu}");
        foreach (var kernel in document.Kernels)
        {
            output.WriteLine($"{kernel.Kernel}  {kernel.Release}: {kernel.Healthy} of {kernel.Boots} healthy, clocksource {kernel.Clocksource ?? "unknown"}");
            output.WriteLine(kernel.MedianSeconds is { } median
                ? $"   wall time: median {Seconds(median)} ({Seconds(kernel.MinSeconds!.Value)}–{Seconds(kernel.MaxSeconds!.Value)})"
                : "   no healthy boot");
            var seconds = document.Boots.Where(b => b.Kernel == kernel.Kernel && b.GuestSeconds is not null).Select(b => b.GuestSeconds!.Value).Order().ToList();
            if (seconds.Count > 0)
            {
                string range = seconds[0] == seconds[^1] ? Guest(seconds[0]) : $"{Guest(seconds[0])}–{Guest(seconds[^1])}";
                output.WriteLine($"   guest time to power-off: {range} s" + (document.Measure == "instructions" ? " (10^9 instructions/s)" : ""));
            }
        }

        var failed = document.Boots.Where(b => b.Failure is not null).ToList();
        foreach (var boot in failed)
        {
            output.WriteLine($"  {boot.Kernel} round {boot.Round}: {boot.Failure}");
            foreach (var line in boot.ConsoleTail.TakeLast(8))
            {
                output.WriteLine("    | " + DisplayText.Excerpt(line, 72));
            }
        }

        output.WriteLine("wall time: QEMU's start to its exit (boot, aitune as PID 1, identity, power-off);");
        output.WriteLine("no suite ran");
    }

    private static string Guest(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
