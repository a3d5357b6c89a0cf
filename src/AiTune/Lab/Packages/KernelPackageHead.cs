namespace AiTune.Lab.Packages;

/// <summary>What listing and diffing a packaged kernel need, read from the front of the package's data.tar without
/// unpacking the rest: its configuration, and the first bytes of its image (the boot header holds the release).</summary>
/// <param name="Release">The release the image's file name gives ("6.1.0-57-amd64" of boot/vmlinuz-6.1.0-57-amd64).</param>
/// <param name="ImageName">The image's name in the package ("boot/vmlinuz-6.1.0-57-amd64").</param>
/// <param name="ImageHead">At most <see cref="DebianPackage.ImageHeadBytes"/> of the image's first bytes.</param>
/// <param name="ImageLength">The image's full size in bytes.</param>
/// <param name="ConfigName">The configuration's name in the package ("boot/config-6.1.0-57-amd64").</param>
/// <param name="Config">The configuration file's bytes.</param>
public sealed record KernelPackageHead(
    PackageControl Control,
    string Release,
    string ImageName,
    byte[] ImageHead,
    long ImageLength,
    string ConfigName,
    byte[] Config);
