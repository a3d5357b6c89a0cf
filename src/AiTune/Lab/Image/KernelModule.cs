namespace AiTune.Lab.Image;

/// <summary>A loadable module for the guest: its name (underscores, as the kernel names it), its path under
/// lib/modules/RELEASE with any compression suffix dropped (".ko"), and its decompressed content.</summary>
public sealed record KernelModule(string Name, string RelativePath, byte[] Content);
