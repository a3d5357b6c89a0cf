namespace AiTune.Tests.Tuning.Transactions;

/// <summary>One write(2) the engine made through <see cref="ScriptedKernelFiles"/>, and whether the kernel took it.</summary>
internal sealed record KernelWrite(string Path, string Value, bool Accepted);
