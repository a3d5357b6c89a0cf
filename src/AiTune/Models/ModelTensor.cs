namespace AiTune.Models;

/// <summary>One tensor of a model file: what it holds and where its bytes lie.</summary>
/// <param name="Name">The tensor's name as the file spells it.</param>
/// <param name="DataType">The safetensors dtype ("BF16", "F8_E4M3") or the ggml type name ("F16", "Q4_K").</param>
/// <param name="Shape">
/// The dimensions in the file's own order: safetensors lists them outermost first (row-major); GGUF lists ggml's
/// <c>ne[]</c>, the fastest-varying dimension first.
/// </param>
/// <param name="OffsetBytes">Where the tensor's bytes start, counted from the start of the file.</param>
/// <param name="SizeBytes">How many bytes the tensor's data takes.</param>
public sealed record ModelTensor(string Name, string DataType, IReadOnlyList<long> Shape, long OffsetBytes, long SizeBytes)
{
    // Records compare lists by reference; a tensor is the same tensor when its shape has the same dimensions.
    public bool Equals(ModelTensor? other) =>
        other is not null && Name == other.Name && DataType == other.DataType && Shape.SequenceEqual(other.Shape) &&
        OffsetBytes == other.OffsetBytes && SizeBytes == other.SizeBytes;

    public override int GetHashCode() => HashCode.Combine(Name, DataType, Shape.Count, OffsetBytes, SizeBytes);

    public override string ToString() => $"{Name} {DataType} [{string.Join(", ", Shape)}] at {OffsetBytes} ({SizeBytes} bytes)";
}
