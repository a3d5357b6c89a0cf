namespace AiTune.Models.Safetensors;

/// <summary>
/// The dtypes safetensors defines, with their size in bits (safetensors <c>Dtype::bitsize</c>). A tensor's byte size is
/// product(shape) × bits / 8, which must be a whole number of bytes.
/// </summary>
internal static class SafetensorsDataType
{
    internal static bool TryGetBits(string name, out int bits)
    {
        bits = name switch
        {
            "F4" => 4,
            "F6_E2M3" or "F6_E3M2" => 6,
            "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" or "F8_E8M0" or "F8_E4M3FNUZ" or "F8_E5M2FNUZ" => 8,
            "I16" or "U16" or "F16" or "BF16" => 16,
            "I32" or "U32" or "F32" => 32,
            "C64" or "F64" or "I64" or "U64" => 64,
            _ => 0,
        };
        return bits != 0;
    }
}
