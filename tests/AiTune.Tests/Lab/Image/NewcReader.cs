using System.Globalization;
using System.Text;

namespace AiTune.Tests.Lab.Image;

/// <summary>A strict reader of newc archives, written from the format (not from the writer) to read back what the
/// writer wrote: every header's magic, the check field, the padding and the trailer are checked.</summary>
public static class NewcReader
{
    public static IReadOnlyList<NewcEntry> Read(byte[] archive)
    {
        var entries = new List<NewcEntry>();
        int at = 0;
        while (true)
        {
            Assert.True(at + 110 <= archive.Length, $"a header at {at} runs past the end");
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, at, 6));
            uint Field(int index) => uint.Parse(Encoding.ASCII.GetString(archive, at + 6 + (index * 8), 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            uint inode = Field(0), mode = Field(1), uid = Field(2), gid = Field(3), nlink = Field(4), mtime = Field(5), size = Field(6);
            uint rdevMajor = Field(9), rdevMinor = Field(10), nameSize = Field(11), check = Field(12);
            Assert.Equal(0u, check);
            Assert.True(nameSize >= 2);
            int nameAt = at + 110;
            Assert.Equal(0, archive[nameAt + (int)nameSize - 1]);
            string name = Encoding.UTF8.GetString(archive, nameAt, (int)nameSize - 1);
            int dataAt = Align(nameAt + (int)nameSize);
            Assert.All(archive[(nameAt + (int)nameSize)..dataAt], b => Assert.Equal(0, b));
            if (name == "TRAILER!!!")
            {
                Assert.Equal(archive.Length, dataAt);
                return entries;
            }

            var data = archive[dataAt..(dataAt + (int)size)];
            at = Align(dataAt + (int)size);
            Assert.All(archive[(dataAt + (int)size)..at], b => Assert.Equal(0, b));
            entries.Add(new NewcEntry(inode, mode, uid, gid, nlink, mtime, rdevMajor, rdevMinor, name, data));
        }
    }

    private static int Align(int offset) => (offset + 3) & ~3;
}
