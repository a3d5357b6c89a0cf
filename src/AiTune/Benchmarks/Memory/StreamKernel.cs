namespace AiTune.Benchmarks.Memory;

/// <summary>The STREAM kernels aitune runs (McCalpin's stream.c names and byte counts).</summary>
public enum StreamKernel
{
    /// <summary>a[i] = b[i]: one read and one write per element, counted as 2 × 8 bytes.</summary>
    Copy,

    /// <summary>a[i] = b[i] + s × c[i]: two reads and one write per element, counted as 3 × 8 bytes.</summary>
    Triad,
}
