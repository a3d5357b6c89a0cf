namespace AiTune.Models.Gguf;

/// <summary>
/// A ggml tensor type: <see cref="BlockSize"/> elements are stored in <see cref="TypeSize"/> bytes (ggml's
/// <c>type_traits[].blck_size</c> and <c>.type_size</c>, the <c>sizeof(block_*)</c> asserted in ggml-common.h).
/// A tensor of type T takes (ne[0] / BlockSize) × TypeSize × ne[1] × ne[2] × ne[3] bytes.
/// </summary>
internal sealed record GgmlType(uint Id, string Name, int BlockSize, int TypeSize)
{
    private const int QkK = 256;

    private static readonly GgmlType[] Known =
    [
        new(0, "F32", 1, 4),
        new(1, "F16", 1, 2),
        new(2, "Q4_0", 32, 18),
        new(3, "Q4_1", 32, 20),
        new(6, "Q5_0", 32, 22),
        new(7, "Q5_1", 32, 24),
        new(8, "Q8_0", 32, 34),
        new(9, "Q8_1", 32, 36),
        new(10, "Q2_K", QkK, 84),
        new(11, "Q3_K", QkK, 110),
        new(12, "Q4_K", QkK, 144),
        new(13, "Q5_K", QkK, 176),
        new(14, "Q6_K", QkK, 210),
        new(15, "Q8_K", QkK, 292),
        new(16, "IQ2_XXS", QkK, 66),
        new(17, "IQ2_XS", QkK, 74),
        new(18, "IQ3_XXS", QkK, 98),
        new(19, "IQ1_S", QkK, 50),
        new(20, "IQ4_NL", 32, 18),
        new(21, "IQ3_S", QkK, 110),
        new(22, "IQ2_S", QkK, 82),
        new(23, "IQ4_XS", QkK, 136),
        new(24, "I8", 1, 1),
        new(25, "I16", 1, 2),
        new(26, "I32", 1, 4),
        new(27, "I64", 1, 8),
        new(28, "F64", 1, 8),
        new(29, "IQ1_M", QkK, 56),
        new(30, "BF16", 1, 2),
        new(34, "TQ1_0", QkK, 54),
        new(35, "TQ2_0", QkK, 66),
        new(39, "MXFP4", 32, 17),
    ];

    internal static GgmlType? Find(uint id) => Array.Find(Known, t => t.Id == id);

    /// <summary>The name of an id ggml once used and removed, so the error can say so; null for any other id.</summary>
    internal static string? RemovedName(uint id) => id switch
    {
        4 => "Q4_2",
        5 => "Q4_3",
        31 => "Q4_0_4_4",
        32 => "Q4_0_4_8",
        33 => "Q4_0_8_8",
        36 => "IQ4_NL_4_4",
        37 => "IQ4_NL_4_8",
        38 => "IQ4_NL_8_8",
        _ => null,
    };
}
