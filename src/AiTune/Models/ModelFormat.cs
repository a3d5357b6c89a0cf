namespace AiTune.Models;

/// <summary>The weight-file formats aitune reads.</summary>
public enum ModelFormat
{
    /// <summary>Hugging Face safetensors: an 8-byte header length, a JSON header, then the tensor bytes.</summary>
    Safetensors,

    /// <summary>ggml's GGUF (versions 2 and 3): typed metadata, tensor infos, then aligned tensor data.</summary>
    Gguf,
}
