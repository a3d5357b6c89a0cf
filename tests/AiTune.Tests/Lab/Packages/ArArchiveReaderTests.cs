using AiTune.Lab.Packages;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Lab.Packages;

public class ArArchiveReaderTests
{
    private static readonly Gen<string> MemberName =
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._-"].Array[1, 15].Select(c => new string(c)).Where(n => n is not "." and not "..");

    private static readonly Gen<(string Name, byte[] Data)[]> Members =
        Gen.Select(MemberName, Gen.Byte.Array[0, 300]).Array[0, 6];

    private static List<(string Name, byte[] Data)> ReadAll(byte[] archive, long maxMemberBytes = ArArchiveReader.DefaultMaxMemberBytes)
    {
        using var ar = new ArArchiveReader(new MemoryStream(archive), "test.ar", maxMemberBytes);
        var read = new List<(string, byte[])>();
        while (ar.Next() is { } member)
        {
            using var copy = new MemoryStream();
            member.Content.CopyTo(copy);
            Assert.Equal(member.SizeBytes, copy.Length);
            read.Add((member.Name, copy.ToArray()));
        }

        return read;
    }

    [Fact]
    public void Archives_the_test_writer_wrote_read_back_the_same()
    {
        Members.Sample(members =>
        {
            var read = ReadAll(ArWriter.Write(members));

            Assert.Equal(members.Select(m => m.Name), read.Select(m => m.Name));
            Assert.Equal(members.Select(m => m.Data), read.Select(m => m.Data));
        }, iter: 300);
    }

    [Fact]
    public void Members_left_unread_are_skipped_to_the_next_header()
    {
        var archive = ArWriter.Write([("debian-binary", "2.0\n"u8.ToArray()), ("odd", [1, 2, 3]), ("last", [9])]);
        using var ar = new ArArchiveReader(new MemoryStream(archive), "test.ar");

        Assert.Equal("debian-binary", ar.Next()!.Name);
        Assert.Equal("odd", ar.Next()!.Name);
        var last = ar.Next()!;
        Assert.Equal("last", last.Name);
        Assert.Equal(9, last.Content.ReadByte());
        Assert.Null(ar.Next());
    }

    [Fact]
    public void Corrupt_or_truncated_archives_fail_only_as_invalid_data()
    {
        var gen = Gen.Select(Members.Where(m => m.Length > 0), Gen.Int[0, 10_000], Gen.Byte, Gen.Bool);
        gen.Sample((members, at, value, truncate) =>
        {
            var archive = ArWriter.Write(members);
            int position = at % archive.Length;
            byte[] damaged = truncate ? archive[..position] : (byte[])archive.Clone();
            if (!truncate)
            {
                damaged[position] = value;
            }

            try
            {
                ReadAll(damaged);
            }
            catch (InvalidDataException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }, iter: 2000);
    }

    [Theory]
    [InlineData("../../etc/x")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("na\u0001me")]
    public void Hostile_member_names_are_refused(string name)
    {
        var archive = ArWriter.Write([(name, [1, 2])]);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive));

        Assert.Contains("not a plain file name", error.Message);
    }

    [Fact]
    public void A_size_over_the_bound_is_refused_before_reading()
    {
        var archive = ArWriter.Write([("big", new byte[100])]);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive, maxMemberBytes: 99));

        Assert.Contains("declares 100 bytes", error.Message);
    }

    [Fact]
    public void A_member_cut_short_is_truncated()
    {
        var archive = ArWriter.Write([("data.tar.xz", new byte[100])]);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive[..^10]));

        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!<arch>")]
    [InlineData("PK\u0003\u0004 not ar")]
    public void Data_without_the_magic_is_not_an_ar_archive(string content)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReadAll(System.Text.Encoding.ASCII.GetBytes(content)));

        Assert.Equal("test.ar is not an ar archive (no \"!<arch>\" header)", error.Message);
    }

    [Fact]
    public void A_size_that_is_not_decimal_is_a_bad_header()
    {
        var archive = ArWriter.Write([("x", new byte[10])]);
        archive[8 + 48] = (byte)'-';

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive));

        Assert.Contains("not a decimal number", error.Message);
    }
}
