namespace AiTune.Lab.Kernels;

/// <summary>Where a candidate kernel comes from.</summary>
public enum KernelSourceKind
{
    /// <summary>Installed on the host (or the --root tree): /boot/vmlinuz-R, /lib/modules/R.</summary>
    Installed,

    /// <summary>A directory holding boot/ and lib/modules/ (an extracted package, a build's install tree).</summary>
    Tree,

    /// <summary>A package file (.deb), read in place and extracted only to boot it.</summary>
    Package,

    /// <summary>A lone kernel image with its configuration beside it.</summary>
    Image,
}
