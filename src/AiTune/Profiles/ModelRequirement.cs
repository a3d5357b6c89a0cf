namespace AiTune.Profiles;

/// <summary>The model the host must hold, for rules that size memory and huge pages.</summary>
/// <param name="Source">The model file, or "--model-size".</param>
/// <param name="TensorBytes">Bytes of tensor data (what must be resident).</param>
public sealed record ModelRequirement(string Source, long TensorBytes);
