namespace AiTune.Inspection.Kernel;

/// <param name="Bit">Bit number.</param>
/// <param name="Letter">The letter the kernel prints in oops reports; '?' for a bit the table does not know yet.</param>
public sealed record TaintFlag(int Bit, char Letter, string Meaning);
