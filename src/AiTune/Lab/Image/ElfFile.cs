using System.Buffers.Binary;
using System.Text;

namespace AiTune.Lab.Image;

/// <summary>
/// What aitune needs from a 64-bit little-endian ELF file: for an executable or shared object, the interpreter
/// (PT_INTERP) and the dynamic section's DT_NEEDED, DT_SONAME, DT_RUNPATH and DT_RPATH, found the way the loader
/// finds them (program headers, and the string table's address mapped through the PT_LOAD segments); for a kernel
/// module, the bytes of one section by name. Every offset and size read from the file is checked against the file
/// before it is used; anything else (not ELF, 32-bit, big-endian, another machine) is an error naming the file.
/// </summary>
public sealed class ElfFile
{
    /// <summary>The most a string table or a section may hold before the file is taken to be hostile.</summary>
    private const int MaxTableBytes = 64 << 20;
    private const int HeaderBytes = 64;
    private const int ProgramHeaderBytes = 56;
    private const int SectionHeaderBytes = 64;
    private const int DynamicEntryBytes = 16;

    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;
    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtStrtab = 5;
    private const long DtStrsz = 10;
    private const long DtSoname = 14;
    private const long DtRpath = 15;
    private const long DtRunpath = 29;

    private readonly Stream data;
    private readonly string what;

    private ElfFile(Stream data, string what)
    {
        this.data = data;
        this.what = what;
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (data.Length < HeaderBytes)
        {
            throw NotElf("it is shorter than an ELF header");
        }

        ReadExactly(0, header);
        if (!header[..4].SequenceEqual("\u007fELF"u8))
        {
            throw NotElf("it does not start with the ELF magic number");
        }

        if (header[4] != 2)
        {
            throw NotElf(header[4] == 1 ? "it is a 32-bit ELF file; the lab runs 64-bit guests only" : $"its ELF class is {header[4]}");
        }

        if (header[5] != 1)
        {
            throw NotElf("it is a big-endian ELF file; the lab runs x86-64 and aarch64 guests only");
        }

        Type = BinaryPrimitives.ReadUInt16LittleEndian(header[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
        Machine = machine switch
        {
            (ushort)ElfMachine.X64 => ElfMachine.X64,
            (ushort)ElfMachine.Arm64 => ElfMachine.Arm64,
            _ => throw NotElf($"it is built for ELF machine {machine}, not x86-64 or aarch64"),
        };
        ProgramHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
        SectionHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(header[40..]);
        ProgramHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);
        SectionHeaderCount = BinaryPrimitives.ReadUInt16LittleEndian(header[60..]);
        SectionNamesIndex = BinaryPrimitives.ReadUInt16LittleEndian(header[62..]);
        if (ProgramHeaderCount > 0 && BinaryPrimitives.ReadUInt16LittleEndian(header[54..]) != ProgramHeaderBytes)
        {
            throw NotElf("its program headers are not 56 bytes each");
        }

        if (SectionHeaderOffset != 0 && BinaryPrimitives.ReadUInt16LittleEndian(header[58..]) != SectionHeaderBytes)
        {
            throw NotElf("its section headers are not 64 bytes each");
        }
    }

    /// <summary>e_type: 2 an executable, 3 a shared object or position-independent executable, 1 relocatable (a module).</summary>
    public ushort Type { get; }

    public ElfMachine Machine { get; }

    /// <summary>The interpreter the executable names (PT_INTERP), or null for a static or a shared library.</summary>
    public string? Interpreter { get; private set; }

    /// <summary>DT_NEEDED, in the file's order (the loader's order).</summary>
    public IReadOnlyList<string> Needed { get; private set; } = [];

    public string? SoName { get; private set; }

    /// <summary>DT_RUNPATH: colon-separated directories, unexpanded ($ORIGIN).</summary>
    public string? RunPath { get; private set; }

    /// <summary>DT_RPATH: the older form, which the loader ignores when DT_RUNPATH is present.</summary>
    public string? RPath { get; private set; }

    private ulong ProgramHeaderOffset { get; }
    private ulong SectionHeaderOffset { get; }
    private int ProgramHeaderCount { get; }
    private int SectionHeaderCount { get; }
    private int SectionNamesIndex { get; }

    /// <summary>The dynamic-linking facts of the ELF file at <paramref name="path"/>.</summary>
    public static ElfFile ReadDynamic(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return ReadDynamic(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read {path}: {e.Message}", "check that the file exists and is readable");
        }
    }

    /// <summary>The dynamic-linking facts of an ELF file in a seekable stream.</summary>
    /// <param name="what">The file's name, for messages.</param>
    public static ElfFile ReadDynamic(Stream stream, string what)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var elf = new ElfFile(stream, what);
        elf.ReadProgramHeaders();
        return elf;
    }

    /// <summary>The content of the section named <paramref name="sectionName"/> (".modinfo"), or null when the file
    /// has none.</summary>
    public static byte[]? ReadSection(ReadOnlyMemory<byte> file, string sectionName, string what)
    {
        using var stream = new MemoryStream(file.ToArray(), writable: false);
        return new ElfFile(stream, what).ReadSection(sectionName);
    }

    private void ReadProgramHeaders()
    {
        var loads = new List<(ulong VirtualAddress, ulong Offset, ulong FileSize)>();
        (ulong Offset, ulong Size)? dynamic = null;
        var entry = new byte[ProgramHeaderBytes];
        for (int i = 0; i < ProgramHeaderCount; i++)
        {
            ReadExactly(Checked(ProgramHeaderOffset, (ulong)i * ProgramHeaderBytes, ProgramHeaderBytes, "a program header"), entry);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(16));
            ulong fileSize = BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(32));
            switch (type)
            {
                case PtLoad:
                    loads.Add((address, offset, fileSize));
                    break;
                case PtDynamic:
                    dynamic = (offset, fileSize);
                    break;
                case PtInterp:
                    Interpreter = CString(ReadTable(offset, fileSize, 4096, "PT_INTERP"), 0, "PT_INTERP");
                    break;
            }
        }

        if (dynamic is not { } section)
        {
            return;
        }

        byte[] entries = ReadTable(section.Offset, section.Size, MaxTableBytes, "PT_DYNAMIC");
        ulong? stringTable = null;
        ulong stringTableSize = 0;
        var needed = new List<long>();
        long? soname = null, runPath = null, rPath = null;
        for (int at = 0; at + DynamicEntryBytes <= entries.Length; at += DynamicEntryBytes)
        {
            long tag = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(at));
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan(at + 8));
            long asOffset = value > int.MaxValue ? -1 : (long)value;
            switch (tag)
            {
                case DtNull:
                    at = entries.Length;
                    break;
                case DtNeeded:
                    needed.Add(asOffset);
                    break;
                case DtStrtab:
                    stringTable = value;
                    break;
                case DtStrsz:
                    stringTableSize = value;
                    break;
                case DtSoname:
                    soname = asOffset;
                    break;
                case DtRpath:
                    rPath = asOffset;
                    break;
                case DtRunpath:
                    runPath = asOffset;
                    break;
            }
        }

        if (needed.Count == 0 && soname is null && runPath is null && rPath is null)
        {
            return;
        }

        if (stringTable is not { } tableAddress)
        {
            throw NotElf("its dynamic section names libraries but has no string table (DT_STRTAB)");
        }

        var load = loads.FirstOrDefault(l => tableAddress >= l.VirtualAddress && tableAddress - l.VirtualAddress < l.FileSize);
        if (load.FileSize == 0)
        {
            throw NotElf("its string table (DT_STRTAB) lies outside every loaded segment");
        }

        ulong tableOffset = load.Offset + (tableAddress - load.VirtualAddress);
        byte[] strings = ReadTable(tableOffset, stringTableSize, MaxTableBytes, "the dynamic string table");
        Needed = needed.Select(n => CString(strings, n, "DT_NEEDED")).ToArray();
        SoName = soname is { } s ? CString(strings, s, "DT_SONAME") : null;
        RunPath = runPath is { } r ? CString(strings, r, "DT_RUNPATH") : null;
        RPath = rPath is { } p ? CString(strings, p, "DT_RPATH") : null;
    }

    private byte[]? ReadSection(string sectionName)
    {
        if (SectionHeaderOffset == 0)
        {
            return null;
        }

        var header = new byte[SectionHeaderBytes];
        int count = SectionHeaderCount;
        int namesIndex = SectionNamesIndex;
        if (count == 0 || namesIndex == 0xFFFF)
        {
            // Extended numbering (more than 0xff00 sections): section 0 holds the real count and index.
            ReadExactly(Checked(SectionHeaderOffset, 0, SectionHeaderBytes, "section header 0"), header);
            if (count == 0)
            {
                ulong real = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32));
                count = real <= 1 << 20 ? (int)real : throw NotElf($"it claims {real} sections");
            }

            if (namesIndex == 0xFFFF)
            {
                namesIndex = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(40)), int.MaxValue);
            }
        }

        if (namesIndex >= count)
        {
            throw NotElf("its section-name table index is past its sections");
        }

        (ulong Offset, ulong Size, uint Name, uint Type) Section(int index)
        {
            ReadExactly(Checked(SectionHeaderOffset, (ulong)index * SectionHeaderBytes, SectionHeaderBytes, "a section header"), header);
            return (BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(24)), BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32)),
                BinaryPrimitives.ReadUInt32LittleEndian(header), BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        }

        var names = Section(namesIndex);
        byte[] nameTable = ReadTable(names.Offset, names.Size, MaxTableBytes, "the section-name table");
        for (int i = 1; i < count; i++)
        {
            var section = Section(i);
            if (section.Name < nameTable.Length && CString(nameTable, section.Name, "a section name") == sectionName)
            {
                const uint ShtNobits = 8;
                return section.Type == ShtNobits ? [] : ReadTable(section.Offset, section.Size, MaxTableBytes, sectionName);
            }
        }

        return null;
    }

    private byte[] ReadTable(ulong offset, ulong size, int maxBytes, string table)
    {
        if (size > (ulong)maxBytes)
        {
            throw NotElf($"its {table} claims {size} bytes");
        }

        var bytes = new byte[(int)size];
        ReadExactly(Checked(offset, 0, size, table), bytes);
        return bytes;
    }

    /// <summary>The file offset of <paramref name="size"/> bytes at <paramref name="offset"/> + <paramref name="index"/>,
    /// checked to lie inside the file (no overflow).</summary>
    private long Checked(ulong offset, ulong index, ulong size, string thing)
    {
        ulong length = (ulong)data.Length;
        if (offset > length || index > length - offset || size > length - offset - index)
        {
            throw NotElf($"{thing} lies past the end of the file");
        }

        return (long)(offset + index);
    }

    private void ReadExactly(long offset, Span<byte> into)
    {
        data.Position = offset;
        data.ReadExactly(into);
    }

    private string CString(byte[] table, long offset, string field)
    {
        if (offset < 0 || offset >= table.Length)
        {
            throw NotElf($"its {field} string lies outside its string table");
        }

        int end = Array.IndexOf(table, (byte)0, (int)offset);
        if (end < 0)
        {
            throw NotElf($"its {field} string is not terminated");
        }

        return Encoding.UTF8.GetString(table, (int)offset, end - (int)offset);
    }

    private AiTuneException NotElf(string why) =>
        new($"{what} is not a usable 64-bit ELF file: {why}", "give a 64-bit x86-64 or aarch64 Linux binary, library or kernel module");
}
