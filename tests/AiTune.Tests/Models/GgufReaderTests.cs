using AiTune.Models;
using AiTune.Tests.Support;
using static AiTune.Tests.Models.ModelFileAssert;

namespace AiTune.Tests.Models;

public sealed class GgufReaderTests
{
    private const string Name = "model.gguf";
    private const uint F32 = 0, Q8_0 = 8;

    [Fact]
    public void Reads_the_tiny_llama_fixture_written_as_gguf_py_writes()
    {
        string path = FixturePaths.File("files/models/tiny-llama.gguf");

        var model = ModelFileReader.Read(path);

        Assert.Equal(ModelFormat.Gguf, model.Format);
        Assert.Equal(8512, model.FileSizeBytes);
        Assert.Equal(1550, model.HeaderSizeBytes);
        Assert.Equal(1568, model.DataOffsetBytes);
        Assert.Equal("llama", model.Architecture);
        Assert.Equal(24, model.Metadata.Count);
        Assert.Equal("Tiny Llama", model.Metadata["general.name"]);
        Assert.Equal("1", model.Metadata["llama.block_count"]);
        Assert.Equal("10000", model.Metadata["llama.rope.freq_base"]);
        Assert.Equal("1E-05", model.Metadata["llama.attention.layer_norm_rms_epsilon"]);
        Assert.Equal("true", model.Metadata["tokenizer.ggml.add_bos_token"]);
        Assert.Equal("""["<unk>", "<s>", "</s>", "▁the", "▁a", "ing", "é", "<0x0A>", …] (10 items)""", model.Metadata["tokenizer.ggml.tokens"]);
        Assert.Equal("[0, -1, -2, -3, -4, -5, -6, -7, …] (10 items)", model.Metadata["tokenizer.ggml.scores"]);
        Assert.Equal("[3, 3, 3, 1, 1, 1, 1, 1, …] (10 items)", model.Metadata["tokenizer.ggml.token_type"]);
        Assert.Equal(6932, model.TotalTensorBytes);
        ModelTensor[] expected =
        [
            new("token_embd.weight", "Q8_0", [32, 10], 1568, 340),
            new("blk.0.attn_norm.weight", "F32", [32], 1920, 128),
            new("blk.0.attn_q.weight", "Q8_0", [32, 32], 2048, 1088),
            new("blk.0.ffn_down.weight", "Q4_K", [256, 32], 3136, 4608),
            new("output_norm.weight", "F32", [32], 7744, 128),
            new("output.weight", "F16", [32, 10], 7872, 640),
        ];
        Assert.Equal(expected, model.Tensors);
    }

    [Fact]
    public void Reads_a_minimal_version_2_file()
    {
        byte[] bytes = GgufBytes.Header(tensors: 1, keys: 1, version: 2)
            .KeyString("general.architecture", "llama")
            .Tensor("t", [8], F32, 0)
            .Pad().Zeros(32).ToArray();

        var model = Reads(bytes, Name);

        Assert.Equal(102, model.HeaderSizeBytes);
        Assert.Equal(128, model.DataOffsetBytes);
        Assert.Equal([new ModelTensor("t", "F32", [8], 128, 32)], model.Tensors);
    }

    [Fact]
    public void A_file_without_tensors_may_end_right_after_its_header()
    {
        var model = Reads(GgufBytes.Header(0, 1).KeyString("general.name", "x").ToArray(), Name);

        Assert.Null(model.Architecture);
        Assert.Empty(model.Tensors);
        Assert.Equal(57, model.HeaderSizeBytes);
        Assert.Equal(64, model.DataOffsetBytes);
    }

    [Fact]
    public void Metadata_values_of_every_type_are_rendered()
    {
        byte[] bytes = GgufBytes.Header(0, 12)
            .Key("u8", 0).U8(200).Key("i8", 1).U8(0xFF).Key("u16", 2).Raw([0x34, 0x12]).Key("i16", 3).Raw([0xFE, 0xFF])
            .Key("u32", 4).U32(4000000000).Key("i32", 5).U32(0xFFFFFFFE).Key("f32", 6).U32(BitConverter.SingleToUInt32Bits(0.5f))
            .Key("b", 7).U8(0).Key("u64", 10).U64(ulong.MaxValue).Key("i64", 11).U64(ulong.MaxValue)
            .Key("f64", 12).U64(BitConverter.DoubleToUInt64Bits(-2.25))
            .Key("nested", 9).U32(9).U64(2).U32(4).U64(2).U32(1).U32(2).U32(8).U64(1).Str("a\"b")
            .ToArray();

        var metadata = Reads(bytes, Name).Metadata;

        Assert.Equal("200", metadata["u8"]);
        Assert.Equal("-1", metadata["i8"]);
        Assert.Equal("4660", metadata["u16"]);
        Assert.Equal("-2", metadata["i16"]);
        Assert.Equal("4000000000", metadata["u32"]);
        Assert.Equal("-2", metadata["i32"]);
        Assert.Equal("0.5", metadata["f32"]);
        Assert.Equal("false", metadata["b"]);
        Assert.Equal("18446744073709551615", metadata["u64"]);
        Assert.Equal("-1", metadata["i64"]);
        Assert.Equal("-2.25", metadata["f64"]);
        Assert.Equal("""[[1, 2], ["a\"b"]]""", metadata["nested"]);
    }

    [Fact]
    public void Long_strings_are_cut_for_display_but_read_to_the_end()
    {
        string template = new('x', 70_000);
        byte[] bytes = GgufBytes.Header(0, 2).KeyString("tokenizer.chat_template", template).KeyString("general.name", "after").ToArray();

        var metadata = Reads(bytes, Name).Metadata;

        Assert.Equal(new string('x', 1024) + "…", metadata["tokenizer.chat_template"]);
        Assert.Equal("after", metadata["general.name"]);
    }

    [Fact]
    public void A_character_split_across_the_read_buffer_is_valid_utf8()
    {
        // 65,535 ASCII bytes, then a two-byte "é" whose second byte falls past the cursor's 64 KiB buffer.
        string value = new string('x', 65_535) + "éy";
        byte[] bytes = GgufBytes.Header(0, 2).KeyString("a", value).KeyString("b", "after").ToArray();

        var metadata = Reads(bytes, Name).Metadata;

        Assert.Equal(new string('x', 1024) + "…", metadata["a"]);
        Assert.Equal("after", metadata["b"]);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        byte[] bytes = GgufBytes.Header(0, 1).KeyString("a", new string('x', 1023) + "😀").ToArray();

        Assert.Equal(new string('x', 1023) + "…", Reads(bytes, Name).Metadata["a"]);
    }

    [Fact]
    public void Large_arrays_are_walked_without_being_kept()
    {
        var builder = GgufBytes.Header(0, 3).Key("tokens", GgufBytes.Array).U32(GgufBytes.String).U64(100_000);
        for (int i = 0; i < 100_000; i++)
        {
            builder.Str("tok" + i);
        }

        builder.Key("scores", GgufBytes.Array).U32(GgufBytes.Float32).U64(50_000).Zeros(200_000).KeyString("general.name", "end");

        var metadata = Reads(builder.ToArray(), Name).Metadata;

        Assert.Equal("""["tok0", "tok1", "tok2", "tok3", "tok4", "tok5", "tok6", "tok7", …] (100000 items)""", metadata["tokens"]);
        Assert.Equal("[0, 0, 0, 0, 0, 0, 0, 0, …] (50000 items)", metadata["scores"]);
        Assert.Equal("end", metadata["general.name"]);
    }

    [Fact]
    public void Eight_levels_of_nested_arrays_are_read() =>
        Assert.Equal("[[[[[[[[]]]]]]]]", Reads(NestedArrays(8), Name).Metadata["a"]);

    [Fact]
    public void Nine_levels_of_nested_arrays_are_rejected() =>
        Fails(NestedArrays(9), Name, "key 'a' nests arrays more than 8 levels deep");

    [Fact]
    public void A_wrong_magic_is_rejected() =>
        Fails(GgufBytes.Header(0, 0).ToArray().Select((b, i) => i == 3 ? (byte)'L' : b).ToArray(), Name,
            "the file does not start with the GGUF magic (found 'GGUL')");

    [Fact]
    public void Version_1_is_rejected() =>
        Fails(GgufBytes.Header(0, 0, version: 1).ToArray(), Name, "GGUF version 1 is no longer supported (ggml reads versions 2 and 3)");

    [Fact]
    public void A_big_endian_file_is_rejected_as_such()
    {
        var error = Fails(GgufBytes.Header(0, 0, version: 0x03000000).ToArray(), Name,
            "big-endian GGUF is not supported (the version field reads 0x03000000, a byte-swapped 3)");

        Assert.Contains("gguf_convert_endian.py", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(4u)]
    public void Unknown_versions_are_rejected(uint version) =>
        Fails(GgufBytes.Header(0, 0, version).ToArray(), Name, $"GGUF version {version} is not supported (aitune reads versions 2 and 3)");

    [Fact]
    public void Counts_in_the_billions_are_rejected() =>
        Fails(GgufBytes.Header(3_000_000_000, 0).ToArray(), Name, "the header declares 3000000000 tensors and 0 metadata keys; aitune reads at most 1048576 of each");

    [Fact]
    public void Counts_that_cannot_fit_in_the_file_are_rejected() =>
        Fails(GgufBytes.Header(10, 1000).Zeros(100).ToArray(), Name,
            "the header declares 1000 metadata keys and 10 tensors, which need at least 13320 bytes, but only 100 bytes follow the counts");

    [Fact]
    public void A_key_longer_than_65535_bytes_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).U64(1UL << 62).Zeros(16).ToArray(), Name,
            "the key of metadata entry 0 at byte 24 is 4611686018427387904 bytes long, over the GGUF limit of 65535 bytes");

    [Fact]
    public void A_string_longer_than_the_file_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", GgufBytes.String).U64(1UL << 60).Zeros(8).ToArray(), Name,
            "the value of key 'a' at byte 37 declares a length of 1152921504606846976 bytes but only 8 bytes remain in the file");

    [Fact]
    public void An_array_longer_than_the_file_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", GgufBytes.Array).U32(GgufBytes.Uint32).U64(1_000_000_000_000).Zeros(8).ToArray(), Name,
            "an array of key 'a' declares 1000000000000 elements of UINT32 at byte 41, which need at least 4000000000000 bytes, but only 8 bytes remain in the file");

    [Fact]
    public void A_truncated_value_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", GgufBytes.Uint32).U8(1).ToArray(), Name, "the file ends at byte 38, inside the value of key 'a' (4 bytes at byte 37)");

    [Fact]
    public void An_unknown_value_type_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", 13).U64(0).ToArray(), Name, "the type of key 'a' at byte 33 is the unknown metadata value type 13 (GGUF defines 0 to 12)");

    [Fact]
    public void A_bool_other_than_0_or_1_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", GgufBytes.Bool).U8(2).ToArray(), Name, "key 'a' holds the BOOL value 2 at byte 37; a BOOL is 0 or 1");

    [Fact]
    public void Invalid_utf8_in_a_key_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Str([0xC3, 0x28]).U32(0).U8(0).ToArray(), Name, "the key of metadata entry 0 at byte 24 is not valid UTF-8");

    [Fact]
    public void Invalid_utf8_in_a_value_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).Key("a", GgufBytes.String).Str([0x61, 0xF0, 0x9F, 0x98]).ToArray(), Name, "the value of key 'a' at byte 37 is not valid UTF-8");

    [Fact]
    public void Duplicate_keys_are_rejected() =>
        Fails(GgufBytes.Header(0, 2).KeyU32("a", 1).KeyU32("a", 2).ToArray(), Name, "the metadata lists the key 'a' twice");

    [Theory]
    [InlineData(0u, "general.alignment is 0; an alignment must be a power of two")]
    [InlineData(48u, "general.alignment is 48, not a power of two")]
    public void An_alignment_that_is_not_a_power_of_two_is_rejected(uint alignment, string fragment) =>
        Fails(GgufBytes.Header(0, 1).KeyU32("general.alignment", alignment).ToArray(), Name, fragment);

    [Fact]
    public void An_alignment_that_is_not_a_uint32_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).KeyString("general.alignment", "32").ToArray(), Name, "general.alignment must be a UINT32, found STRING");

    [Fact]
    public void An_architecture_that_is_not_a_string_is_rejected() =>
        Fails(GgufBytes.Header(0, 1).KeyU32("general.architecture", 1).ToArray(), Name, "general.architecture must be a STRING, found UINT32");

    [Fact]
    public void General_alignment_sets_the_data_offset_and_the_offset_rule()
    {
        byte[] bytes = GgufBytes.Header(2, 1).KeyU32("general.alignment", 64)
            .Tensor("a", [4], F32, 0).Tensor("b", [4], F32, 64).Pad(64).Zeros(80).ToArray();

        var model = Reads(bytes, Name);

        Assert.Equal("64", model.Metadata["general.alignment"]);
        Assert.Equal(128, model.DataOffsetBytes);
        Assert.Equal([new ModelTensor("a", "F32", [4], 128, 16), new ModelTensor("b", "F32", [4], 192, 16)], model.Tensors);
    }

    [Fact]
    public void A_tensor_name_of_64_bytes_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor(new string('n', 64), [32], F32, 0).Pad().Zeros(128).ToArray(), Name,
            "the name of tensor 0 at byte 24 is 64 bytes long, over ggml's limit of 63 bytes (GGML_MAX_NAME is 64 with the terminating NUL)");

    [Fact]
    public void Duplicate_tensor_names_are_rejected() =>
        Fails(GgufBytes.Header(2, 0).Tensor("t", [8], F32, 0).Tensor("t", [8], F32, 32).Pad().Zeros(64).ToArray(), Name, "two tensors are named 't'");

    [Fact]
    public void More_than_four_dimensions_are_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [1, 1, 1, 1, 1], F32, 0).Pad().Zeros(32).ToArray(), Name, "tensor 't' has 5 dimensions; ggml tensors have 1 to 4");

    [Fact]
    public void A_zero_dimension_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [8, 0], F32, 0).Pad().Zeros(32).ToArray(), Name, "tensor 't' has dimension 1 = 0; a dimension must be from 1 to 2^63−1");

    [Fact]
    public void An_element_count_past_63_bits_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [1UL << 32, 1UL << 32], F32, 0).Pad().Zeros(32).ToArray(), Name,
            "tensor 't' has the shape [4294967296, 4294967296…], more elements than fit in 63 bits");

    [Fact]
    public void A_byte_size_past_63_bits_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [1UL << 31, 1UL << 31], F32, 0).Pad().Zeros(32).ToArray(), Name,
            "tensor 't' of type F32 and shape [2147483648, 2147483648] takes more bytes than fit in 63 bits");

    [Theory]
    [InlineData(4u, "tensor 't' has ggml type 4 (Q4_2), which ggml has removed")]
    [InlineData(33u, "tensor 't' has ggml type 33 (Q4_0_8_8), which ggml has removed")]
    [InlineData(99u, "tensor 't' has the unknown ggml type 99 at byte")]
    public void Unknown_and_removed_ggml_types_are_rejected(uint type, string fragment) =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [32], type, 0).Pad().Zeros(64).ToArray(), Name, fragment);

    [Fact]
    public void A_row_that_is_not_whole_blocks_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [33], Q8_0, 0).Pad().Zeros(64).ToArray(), Name,
            "tensor 't' of type Q8_0 has 33 elements per row, not a multiple of its block size 32");

    [Fact]
    public void An_unaligned_offset_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [4], F32, 16).Pad().Zeros(64).ToArray(), Name, "tensor 't' has the data offset 16, not a multiple of the alignment 32");

    [Fact]
    public void A_tensor_past_the_end_of_the_file_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [32], F32, 0).Pad().Zeros(64).ToArray(), Name,
            "tensor 't' ends at byte 128 of the data section but the data section holds 64 bytes");

    [Fact]
    public void An_offset_near_2_to_the_64_is_rejected() =>
        Fails(GgufBytes.Header(1, 0).Tensor("t", [32], F32, ulong.MaxValue - 31).Pad().Zeros(128).ToArray(), Name,
            "tensor 't' ends at byte 18446744073709551712 of the data section but the data section holds 128 bytes");

    [Fact]
    public void Overlapping_tensors_are_rejected() =>
        Fails(GgufBytes.Header(2, 0).Tensor("a", [16], F32, 0).Tensor("b", [16], F32, 32).Pad().Zeros(128).ToArray(), Name,
            "tensor 'b' (bytes [32, 96) of the data section) overlaps tensor 'a', which ends at byte 64");

    [Fact]
    public void Every_type_of_the_table_has_ggml_block_and_type_sizes()
    {
        var known = Enumerable.Range(0, 64).Select(id => AiTune.Models.Gguf.GgmlType.Find((uint)id)).OfType<AiTune.Models.Gguf.GgmlType>();
        string table = string.Join(" ", known.Select(t => $"{t.Id}:{t.Name}:{t.BlockSize}:{t.TypeSize}"));

        Assert.Equal(
            "0:F32:1:4 1:F16:1:2 2:Q4_0:32:18 3:Q4_1:32:20 6:Q5_0:32:22 7:Q5_1:32:24 8:Q8_0:32:34 9:Q8_1:32:36 " +
            "10:Q2_K:256:84 11:Q3_K:256:110 12:Q4_K:256:144 13:Q5_K:256:176 14:Q6_K:256:210 15:Q8_K:256:292 " +
            "16:IQ2_XXS:256:66 17:IQ2_XS:256:74 18:IQ3_XXS:256:98 19:IQ1_S:256:50 20:IQ4_NL:32:18 21:IQ3_S:256:110 " +
            "22:IQ2_S:256:82 23:IQ4_XS:256:136 24:I8:1:1 25:I16:1:2 26:I32:1:4 27:I64:1:8 28:F64:1:8 29:IQ1_M:256:56 " +
            "30:BF16:1:2 34:TQ1_0:256:54 35:TQ2_0:256:66 39:MXFP4:32:17",
            table);
    }

    /// <summary>Key "a" holding <paramref name="levels"/> arrays nested one in another, the innermost an empty UINT8 array.</summary>
    private static byte[] NestedArrays(int levels)
    {
        var builder = GgufBytes.Header(0, 1).Key("a", GgufBytes.Array);
        for (int level = 1; level < levels; level++)
        {
            builder.U32(GgufBytes.Array).U64(1);
        }

        return builder.U32(GgufBytes.Uint8).U64(0).ToArray();
    }
}
