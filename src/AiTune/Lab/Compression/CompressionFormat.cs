namespace AiTune.Lab.Compression;

/// <summary>The compressions kernel packages and module trees use: gzip (older .deb members, .ko.gz), xz (Debian's
/// data.tar.xz, .ko.xz), zstd (Ubuntu's and Debian's newer packages, .ko.zst); None for data stored as it is.</summary>
public enum CompressionFormat
{
    None,
    Gzip,
    Xz,
    Zstd,
}
