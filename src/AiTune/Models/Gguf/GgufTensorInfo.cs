namespace AiTune.Models.Gguf;

/// <summary>One tensor info of a GGUF header, checked on its own but not yet against the file or the other tensors.</summary>
/// <param name="Shape">ggml's ne[], the fastest-varying dimension first.</param>
/// <param name="Offset">Relative to the start of the data section.</param>
internal sealed record GgufTensorInfo(string Name, GgmlType Type, long[] Shape, ulong Offset, long SizeBytes);
