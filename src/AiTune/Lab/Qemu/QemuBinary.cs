namespace AiTune.Lab.Qemu;

/// <summary>The QEMU system emulator the lab runs.</summary>
/// <param name="Path">Its absolute path.</param>
/// <param name="Version">What <c>--version</c> reported.</param>
/// <param name="Target">The guest architecture it emulates (the host's own).</param>
public sealed record QemuBinary(string Path, Version Version, QemuTarget Target);
