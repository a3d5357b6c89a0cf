namespace AiTune.Lab.Packages;

/// <summary>One member of an ar archive, as <see cref="ArArchiveReader.Next"/> returns it.</summary>
/// <param name="Name">The member's name without the trailing '/' GNU ar writes ("data.tar.xz").</param>
/// <param name="SizeBytes">The size the header declares.</param>
/// <param name="Content">The member's bytes, bounded to <paramref name="SizeBytes"/>; valid until the next member is
/// asked for (the archive is read front to back, never seeked).</param>
public sealed record ArMember(string Name, long SizeBytes, Stream Content);
