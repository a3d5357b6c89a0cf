namespace AiTune.Models;

/// <summary>What the header of a model weight file says, checked against the file's length.</summary>
/// <param name="Format">The file's format, detected from its first bytes.</param>
/// <param name="Path">The path the file was read from, as given.</param>
/// <param name="FileSizeBytes">The file's length.</param>
/// <param name="HeaderSizeBytes">
/// safetensors: N, the length of the JSON header (padding included). GGUF: the bytes from the start of the file to the
/// end of the tensor infos, before the padding that aligns the data section.
/// </param>
/// <param name="DataOffsetBytes">Where the tensor data section starts (safetensors: 8 + N; GGUF: the aligned end of the header).</param>
/// <param name="Architecture">GGUF's <c>general.architecture</c>; null for safetensors, whose header has no such field, and for a GGUF file without the key.</param>
/// <param name="Metadata">
/// safetensors: the <c>__metadata__</c> map, exactly. GGUF: every key with its value as display text (numbers in
/// invariant form, arrays as a preview of their first items with the item count, long strings cut).
/// </param>
/// <param name="Tensors">The tensors in the order their data lies in the file.</param>
/// <param name="TotalTensorBytes">The sum of the tensors' sizes.</param>
public sealed record ModelFile(
    ModelFormat Format,
    string Path,
    long FileSizeBytes,
    long HeaderSizeBytes,
    long DataOffsetBytes,
    string? Architecture,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<ModelTensor> Tensors,
    long TotalTensorBytes);
