namespace AiTune.Benchmarks.ModelLoad;

/// <summary>How a serving stack gets a model's tensors from the file into memory.</summary>
public enum LoadStrategy
{
    /// <summary>Buffered read(2) of each tensor into anonymous memory (PyTorch's and safetensors' default path).</summary>
    Read,

    /// <summary>mmap(2) of the file with MAP_POPULATE and MADV_WILLNEED: the page cache is the memory (llama.cpp's default).</summary>
    Mmap,

    /// <summary>O_DIRECT reads of aligned spans straight into anonymous memory, bypassing the page cache (llama.cpp --direct-io, fastsafetensors).</summary>
    Direct,

    /// <summary>Buffered reads by several threads, each loading a contiguous shard of the tensors (vLLM's and
    /// fastsafetensors' parallel loaders).</summary>
    Parallel,
}
