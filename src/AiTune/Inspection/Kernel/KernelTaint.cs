namespace AiTune.Inspection.Kernel;

/// <summary>The taint mask and its flags, as in Documentation/admin-guide/tainted-kernels.rst.</summary>
/// <param name="Mask">The raw value.</param>
/// <param name="Flags">One entry per set bit: letter and meaning ("P: proprietary module was loaded").</param>
public sealed record KernelTaint(long Mask, IReadOnlyList<TaintFlag> Flags);
