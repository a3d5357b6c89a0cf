namespace AiTune.Models.Safetensors;

/// <summary>One tensor entry of a safetensors header as written, before it is checked against the others.</summary>
/// <param name="Bits">The dtype's size in bits.</param>
/// <param name="Begin">data_offsets[0], relative to the data section.</param>
/// <param name="End">data_offsets[1], one past the tensor's last byte.</param>
internal sealed record SafetensorsEntry(string Name, string DataType, int Bits, List<long> Shape, ulong Begin, ulong End);
