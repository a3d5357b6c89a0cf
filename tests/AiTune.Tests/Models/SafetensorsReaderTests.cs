using AiTune.Models;
using AiTune.Tests.Support;
using static AiTune.Tests.Models.ModelFileAssert;

namespace AiTune.Tests.Models;

public sealed class SafetensorsReaderTests
{
    private const string Name = "model.safetensors";

    [Fact]
    public void Reads_the_tiny_llama_fixture_written_as_the_reference_serializer_writes()
    {
        string path = FixturePaths.File("files/models/tiny-llama.safetensors");

        var model = ModelFileReader.Read(path);

        Assert.Equal(ModelFormat.Safetensors, model.Format);
        Assert.Equal(path, model.Path);
        Assert.Equal(2872, model.FileSizeBytes);
        Assert.Equal(1152, model.HeaderSizeBytes);
        Assert.Equal(1160, model.DataOffsetBytes);
        Assert.Null(model.Architecture);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, model.Metadata);
        Assert.Equal(1712, model.TotalTensorBytes);
        ModelTensor[] expected =
        [
            new("lm_head.weight", "BF16", [16, 8], 1160, 256),
            new("model.embed_tokens.weight", "BF16", [16, 8], 1416, 256),
            new("model.layers.0.input_layernorm.weight", "BF16", [8], 1672, 16),
            new("model.layers.0.mlp.down_proj.weight", "BF16", [8, 16], 1688, 256),
            new("model.layers.0.mlp.gate_proj.weight", "BF16", [16, 8], 1944, 256),
            new("model.layers.0.mlp.up_proj.weight", "BF16", [16, 8], 2200, 256),
            new("model.layers.0.post_attention_layernorm.weight", "BF16", [8], 2456, 16),
            new("model.layers.0.self_attn.k_proj.weight", "BF16", [4, 8], 2472, 64),
            new("model.layers.0.self_attn.o_proj.weight", "BF16", [8, 8], 2536, 128),
            new("model.layers.0.self_attn.q_proj.weight", "BF16", [8, 8], 2664, 128),
            new("model.layers.0.self_attn.v_proj.weight", "BF16", [4, 8], 2792, 64),
            new("model.norm.weight", "BF16", [8], 2856, 16),
        ];
        Assert.Equal(expected, model.Tensors);
    }

    [Fact]
    public void An_empty_header_with_no_tensors_is_valid()
    {
        // The reference serializer's output for no tensors: "{}" padded to 8 bytes.
        var model = Reads(SafetensorsBytes.Build("{}", 0), Name);

        Assert.Empty(model.Tensors);
        Assert.Empty(model.Metadata);
        Assert.Equal(8, model.HeaderSizeBytes);
        Assert.Equal(16, model.DataOffsetBytes);
        Assert.Equal(0, model.TotalTensorBytes);
    }

    [Fact]
    public void Scalars_and_empty_tensors_are_valid_and_tensors_come_in_offset_order()
    {
        const string json = """{"e":{"dtype":"F16","shape":[0,3],"data_offsets":[4,4]},"__metadata__":{"k":"v"},"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}""";

        var model = Reads(SafetensorsBytes.Build(json, 4), Name);

        Assert.Equal(144, model.DataOffsetBytes);
        Assert.Equal([new ModelTensor("s", "F32", [], 144, 4), new ModelTensor("e", "F16", [0, 3], 148, 0)], model.Tensors);
        Assert.Equal("v", model.Metadata["k"]);
    }

    [Theory]
    [InlineData("F4", 4, 2)]
    [InlineData("F6_E3M2", 4, 3)]
    [InlineData("F8_E4M3", 4, 4)]
    [InlineData("BF16", 4, 8)]
    [InlineData("U32", 4, 16)]
    [InlineData("C64", 4, 32)]
    public void Sizes_follow_the_dtype_bit_width(string dtype, int elements, int bytes)
    {
        string json = $$$"""{"t":{"dtype":"{{{dtype}}}","shape":[{{{elements}}}],"data_offsets":[0,{{{bytes}}}]}}""";

        var model = Reads(SafetensorsBytes.Build(json, bytes), Name);

        Assert.Equal(bytes, model.Tensors.Single().SizeBytes);
    }

    [Fact]
    public void Null_metadata_counts_as_none_as_in_the_reference_reader()
    {
        var model = Reads(SafetensorsBytes.Build("""{"__metadata__":null}""", 0), Name);

        Assert.Empty(model.Metadata);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_rejected() =>
        Fails(SafetensorsBytes.Raw(1000, "{}"u8.ToArray()), Name, "the header length 1000 bytes runs past the end of the file (10 bytes)");

    [Fact]
    public void A_header_over_100_MB_is_rejected() =>
        Fails(SafetensorsBytes.Raw(100_000_001, "{}"u8.ToArray()), Name,
            "the header length 100000001 bytes exceeds the safetensors limit of 100,000,000 bytes");

    [Fact]
    public void A_header_length_of_2_to_the_64_minus_1_is_rejected() =>
        Fails(SafetensorsBytes.Raw(ulong.MaxValue, "{}"u8.ToArray()), Name, "the header length 18446744073709551615 bytes exceeds");

    [Fact]
    public void A_tensor_past_the_data_section_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"U8","shape":[1024],"data_offsets":[0,1024]}}""", 1000), Name,
            "tensor 'w' ends at byte 1024 but the data section holds 1000 bytes");

    [Fact]
    public void Overlapping_tensors_are_rejected() =>
        Fails(SafetensorsBytes.Build("""{"a":{"dtype":"U8","shape":[16],"data_offsets":[0,16]},"b":{"dtype":"U8","shape":[16],"data_offsets":[8,24]}}""", 24),
            Name, "tensor 'b' (bytes [8, 24)) overlaps tensor 'a', which ends at byte 16");

    [Fact]
    public void A_hole_between_tensors_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"a":{"dtype":"U8","shape":[16],"data_offsets":[0,16]},"b":{"dtype":"U8","shape":[16],"data_offsets":[20,36]}}""", 36),
            Name, "bytes [16, 20) of the data section, between tensor 'a' and tensor 'b', belong to no tensor (tensors must be contiguous)");

    [Fact]
    public void A_hole_before_the_first_tensor_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"a":{"dtype":"U8","shape":[16],"data_offsets":[4,20]}}""", 20),
            Name, "tensor 'a' starts at byte 4 of the data section, so bytes [0, 4) belong to no tensor");

    [Fact]
    public void Bytes_after_the_last_tensor_are_rejected() =>
        Fails(SafetensorsBytes.Build("""{"a":{"dtype":"U8","shape":[16],"data_offsets":[0,16]}}""", 20),
            Name, "the data section holds 20 bytes but the tensors cover only 16: the last 4 bytes belong to no tensor");

    [Fact]
    public void An_end_before_the_begin_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[8,4]}}""", 8),
            Name, "tensor 'a' has data_offsets [8, 4] whose END is before its BEGIN");

    [Fact]
    public void A_shape_whose_product_overflows_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"U8","shape":[4294967296,4294967296,16],"data_offsets":[0,0]}}""", 0),
            Name, "tensor 'w' has the shape [4294967296, 4294967296, 16], more elements than fit in 64 bits");

    [Fact]
    public void A_size_that_does_not_match_the_shape_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", 12),
            Name, "tensor 'w': 4 elements of F32 (shape [2, 2]) take 16 bytes but data_offsets [0, 12] hold 12");

    [Fact]
    public void Sub_byte_dtypes_must_fill_whole_bytes() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}""", 2),
            Name, "tensor 'w': 3 elements of F4 are not a whole number of bytes");

    [Fact]
    public void An_unknown_dtype_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"F12","shape":[1],"data_offsets":[0,2]}}""", 2), Name, "tensor 'w' has the unknown dtype 'F12'");

    [Fact]
    public void Duplicate_keys_are_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""", 2),
            Name, "the header lists the key 'w' twice");

    [Fact]
    public void Duplicate_fields_are_rejected() =>
        Fails(SafetensorsBytes.Build("""{"w":{"dtype":"U8","dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", 1), Name, "tensor 'w' lists the field \"dtype\" twice");

    [Fact]
    public void Metadata_values_must_be_strings() =>
        Fails(SafetensorsBytes.Build("""{"__metadata__":{"a":1}}""", 0), Name, "\"__metadata__\" value for key 'a' must be a string, found a number");

    [Fact]
    public void Duplicate_metadata_keys_are_rejected() =>
        Fails(SafetensorsBytes.Build("""{"__metadata__":{"a":"x","a":"y"}}""", 0), Name, "\"__metadata__\" lists the key 'a' twice");

    [Fact]
    public void A_header_that_is_not_utf8_is_rejected() =>
        Fails(SafetensorsBytes.Raw(8, [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)' ']), Name, "the header is not valid UTF-8");

    [Fact]
    public void A_header_that_does_not_start_with_a_brace_is_rejected() =>
        Fails(SafetensorsBytes.Raw(8, " {}     "u8.ToArray()), Name, "the header does not start with '{' (it starts with byte 0x20)");

    [Fact]
    public void A_zero_length_header_is_rejected() =>
        Fails(SafetensorsBytes.Raw(0, []), Name, "the header does not start with '{' (the header is empty)");

    [Theory]
    [InlineData("""{"w":}   """)]
    [InlineData("""{} x    """)]
    [InlineData("""{}{}    """)]
    [InlineData("""{"a":{"dtype":"U8","shape":[1,],"data_offsets":[0,1]}}""")]
    public void A_header_that_is_not_one_json_object_is_rejected(string json) =>
        Fails(SafetensorsBytes.Build(json, 1), Name, "the header is not valid JSON");

    [Theory]
    [InlineData("[-1]", "\"shape\"[0] must be a non-negative integer, found a number that is not a whole number from 0 to 2^64−1")]
    [InlineData("[1.5]", "\"shape\"[0] must be a non-negative integer")]
    [InlineData("[\"1\"]", "\"shape\"[0] must be a non-negative integer, found a string")]
    [InlineData("[[1]]", "\"shape\"[0] must be a non-negative integer, found an array")]
    [InlineData("18446744073709551616", "\"shape\" must be an array of integers, found a number")]
    [InlineData("[9223372036854775808, 0]", "tensor 'w': the dimension 9223372036854775808 is larger than 2^63−1")]
    public void Shapes_must_be_arrays_of_non_negative_integers(string shape, string fragment) =>
        Fails(SafetensorsBytes.Build($$$"""{"w":{"dtype":"U8","shape":{{{shape}}},"data_offsets":[0,0]}}""", 0), Name, fragment);

    [Fact]
    public void A_rank_over_64_is_rejected() =>
        Fails(SafetensorsBytes.Build($$$"""{"w":{"dtype":"U8","shape":[{{{string.Join(",", Enumerable.Repeat(1, 65))}}}],"data_offsets":[0,1]}}""", 1),
            Name, "tensor 'w': \"shape\" holds more than 64 values");

    [Theory]
    [InlineData("""{"dtype":"U8","shape":[1]}""", "tensor 'w' has no \"data_offsets\"")]
    [InlineData("""{"shape":[1],"data_offsets":[0,1]}""", "tensor 'w' has no \"dtype\"")]
    [InlineData("""{"dtype":"U8","shape":[1],"data_offsets":[0,1],"extra":1}""", "tensor 'w' has the unexpected field 'extra'")]
    [InlineData("""{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}""", "tensor 'w': \"data_offsets\" holds more than 2 values")]
    [InlineData("""{"dtype":"U8","shape":[1],"data_offsets":[1]}""", "\"data_offsets\" must hold exactly two integers [BEGIN, END], found 1")]
    [InlineData("""[1]""", "tensor 'w' must be an object with dtype, shape and data_offsets, found an array")]
    [InlineData("""{"dtype":8,"shape":[1],"data_offsets":[0,1]}""", "tensor 'w': \"dtype\" must be a string, found a number")]
    public void Tensor_entries_need_exactly_dtype_shape_and_data_offsets(string entry, string fragment) =>
        Fails(SafetensorsBytes.Build($$$"""{"w":{{{entry}}}}""", 1), Name, fragment);

    [Fact]
    public void Names_with_control_characters_are_escaped_in_messages() =>
        Fails(SafetensorsBytes.Build("""{"a\n\u001b[31m":{"dtype":"X","shape":[1],"data_offsets":[0,1]}}""", 1), Name,
            "tensor 'a\\n\\x1b[31m' has the unknown dtype 'X'");

    [Fact]
    public void An_escaped_unpaired_surrogate_is_rejected() =>
        Fails(SafetensorsBytes.Build("""{"\ud800":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", 1), Name, "is not valid text");

    [Fact]
    public void A_file_shorter_than_the_length_field_is_rejected() =>
        Fails([1, 0, 0, 0, 0, 0, 0], Name, "the file is 7 bytes, too short for the 8-byte header length of a safetensors file");
}
