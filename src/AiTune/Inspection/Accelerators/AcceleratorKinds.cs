namespace AiTune.Inspection.Accelerators;

/// <summary>The kinds of accelerator, as inspect prints them.</summary>
public static class AcceleratorKinds
{
    /// <summary>A GPU that runs compute (CUDA, ROCm, oneAPI), data-center or consumer, discrete or integrated.</summary>
    public const string Gpu = "gpu";

    /// <summary>A neural processing unit of a client CPU (Intel NPU, AMD XDNA).</summary>
    public const string Npu = "npu";

    /// <summary>A Google TPU (Cloud TPU or Coral Edge TPU).</summary>
    public const string Tpu = "tpu";

    /// <summary>Any other AI accelerator (Intel Gaudi, Qualcomm Cloud AI, PCI class 0x12 devices).</summary>
    public const string AiAccelerator = "ai-accelerator";
}
