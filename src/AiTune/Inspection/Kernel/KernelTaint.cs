namespace AiTune.Inspection.Kernel;

/// <summary>The taint mask and its flags, as in Documentation/admin-guide/tainted-kernels.rst.</summary>
/// <param name="Mask">The raw value.</param>
/// <param name="Flags">One entry per set bit: letter and meaning ("P: proprietary module was loaded").</param>
public sealed record KernelTaint(long Mask, IReadOnlyList<TaintFlag> Flags);

/// <param name="Bit">Bit number.</param>
/// <param name="Letter">The letter the kernel prints in oops reports.</param>
public sealed record TaintFlag(int Bit, char Letter, string Meaning);
