namespace AiTune.Models.Gguf;

/// <summary>The type tag (u32) of a GGUF metadata value (ggml <c>enum gguf_type</c>).</summary>
internal enum GgufValueType : uint
{
    Uint8 = 0,
    Int8 = 1,
    Uint16 = 2,
    Int16 = 3,
    Uint32 = 4,
    Int32 = 5,
    Float32 = 6,

    /// <summary>One byte, 0 or 1.</summary>
    Bool = 7,

    /// <summary>u64 length, then that many bytes of UTF-8, no NUL.</summary>
    String = 8,

    /// <summary>u32 element type, u64 count, then the elements; arrays may nest.</summary>
    Array = 9,
    Uint64 = 10,
    Int64 = 11,
    Float64 = 12,
}
