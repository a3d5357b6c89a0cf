using System.Text.RegularExpressions;

namespace AiTune.Inspection.Kernel;

/// <summary>Names the kind of kernel build from the release (uname -r), the /proc/version build flags and the
/// configuration. Distributions mark their flavors in the release suffix (Ubuntu "-lowlatency", Debian "-rt-amd64",
/// Arch "-hardened", CachyOS "-cachyos-server"); the config confirms what the suffix claims, and names an RT or
/// CachyOS kernel whose release does not.</summary>
public static partial class KernelFlavorDetector
{
    /// <summary>Ubuntu's cloud kernels (linux-aws, linux-azure …) end in the cloud's name.</summary>
    private static readonly string[] UbuntuClouds = ["aws", "azure", "gcp", "gke", "gkeop", "oracle", "kvm", "ibm"];

    /// <summary>The CachyOS packages' suffixes (linux-cachyos-PACKAGE), and the compiler tag they may carry after it.</summary>
    private static readonly string[] CachyCompilers = ["lto", "gcc"];

    public static KernelFlavor Detect(string release, ProcVersion? version, IReadOnlyDictionary<string, string>? config)
    {
        var parts = release.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var tokens = release.ToLowerInvariant().Split(['-', '.', '+', '_', '~'], StringSplitOptions.RemoveEmptyEntries);
        bool ConfigOn(string name) => config is not null && config.TryGetValue(name, out var v) && v == "y";

        return CachyOs(release, parts, ConfigOn)
            ?? RealTime(release, tokens, version, ConfigOn)
            ?? Named(release, tokens, "hardened", HardenedToken())
            ?? Zen(release, tokens)
            ?? Named(release, tokens, "lowlatency", LowLatencyToken())
            ?? Cloud(release, parts, tokens)
            ?? Lts(release, parts)
            ?? Generic(release, parts, tokens);
    }

    private static KernelFlavor? CachyOs(string release, string[] parts, Func<string, bool> configOn)
    {
        var evidence = new List<string>();
        string? variant = null;
        int at = Array.FindIndex(parts, p => p.Equals("cachyos", StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            var rest = parts[(at + 1)..].ToList();
            string? compiler = rest.Count > 0 && CachyCompilers.Contains(rest[^1], StringComparer.OrdinalIgnoreCase) ? rest[^1] : null;
            if (compiler is not null)
            {
                rest.RemoveAt(rest.Count - 1);
            }

            variant = rest.Count > 0 ? string.Join('-', rest).ToLowerInvariant() : null;
            evidence.Add($"release {release} names linux-cachyos{(variant is null ? "" : "-" + variant)}" +
                (compiler is null ? "" : $" built with {compiler}"));
        }

        if (configOn("CONFIG_CACHY"))
        {
            evidence.Add("CONFIG_CACHY=y (CachyOS scheduler tuning)");
        }

        if (configOn("CONFIG_SCHED_BORE"))
        {
            evidence.Add("CONFIG_SCHED_BORE=y (BORE scheduler)");
        }

        // BORE alone is a patch other kernels carry too; CachyOS needs the release or CONFIG_CACHY.
        return at >= 0 || configOn("CONFIG_CACHY") ? new KernelFlavor("cachyos", variant, string.Join("; ", evidence)) : null;
    }

    private static KernelFlavor? RealTime(string release, string[] tokens, ProcVersion? version, Func<string, bool> configOn)
    {
        var evidence = new List<string>();
        var token = tokens.FirstOrDefault(t => RtToken().IsMatch(t));
        if (token is not null)
        {
            evidence.Add($"release {release} names {token}");
        }

        if (version is not null && version.Has("PREEMPT_RT"))
        {
            evidence.Add("PREEMPT_RT in /proc/version");
        }

        if (configOn("CONFIG_PREEMPT_RT"))
        {
            evidence.Add("CONFIG_PREEMPT_RT=y");
        }

        return evidence.Count > 0 ? new KernelFlavor("rt", null, string.Join("; ", evidence)) : null;
    }

    private static KernelFlavor? Named(string release, string[] tokens, string name, Regex token)
    {
        var found = tokens.FirstOrDefault(token.IsMatch);
        return found is null ? null : new KernelFlavor(name, null, $"release {release} names {found}");
    }

    private static KernelFlavor? Zen(string release, string[] tokens)
    {
        if (tokens.Contains("liquorix"))
        {
            return new KernelFlavor("zen", "liquorix", $"release {release} names liquorix (built on the zen patches)");
        }

        return Named(release, tokens, "zen", ZenToken());
    }

    private static KernelFlavor? Cloud(string release, string[] parts, string[] tokens)
    {
        var last = parts.Length > 1 ? parts[^1].ToLowerInvariant() : "";
        if (UbuntuClouds.Contains(last))
        {
            return new KernelFlavor("cloud", last, $"release suffix -{last} (Ubuntu's linux-{last})");
        }

        int debian = Array.FindIndex(parts, p => p.Equals("cloud", StringComparison.OrdinalIgnoreCase));
        if (debian >= 1 && debian == parts.Length - 2)
        {
            var variant = $"cloud-{parts[^1].ToLowerInvariant()}";
            return new KernelFlavor("cloud", variant, $"release suffix -{variant} (Debian's cloud kernel)");
        }

        if (tokens.Any(t => AmazonLinuxToken().IsMatch(t)))
        {
            return new KernelFlavor("cloud", "amazon-linux", $"release {release} names Amazon Linux (amzn)");
        }

        if (tokens.Any(t => AzureLinuxToken().IsMatch(t)))
        {
            return new KernelFlavor("cloud", "azure-linux", $"release {release} names Azure Linux");
        }

        return null;
    }

    private static KernelFlavor? Lts(string release, string[] parts) =>
        parts.Length > 1 && parts[^1].Equals("lts", StringComparison.OrdinalIgnoreCase)
            ? new KernelFlavor("lts", null, $"release suffix -lts (a distribution's longterm package, as Arch linux-lts)")
            : null;

    private static KernelFlavor Generic(string release, string[] parts, string[] tokens)
    {
        var last = parts.Length > 1 ? parts[^1].ToLowerInvariant() : "";
        if (last == "generic" || (parts.Length > 2 && parts[^2].Equals("generic", StringComparison.OrdinalIgnoreCase)))
        {
            return new KernelFlavor("generic", "ubuntu", $"release suffix -{(last == "generic" ? last : parts[^2] + "-" + last)} (Ubuntu)");
        }

        if (tokens.Any(t => FedoraToken().IsMatch(t)))
        {
            return new KernelFlavor("generic", "fedora", $"release {release} names a Fedora build (fcNN)");
        }

        if (tokens.Any(t => EnterpriseLinuxToken().IsMatch(t)))
        {
            return new KernelFlavor("generic", "rhel", $"release {release} names an Enterprise Linux build (elN: RHEL, CentOS Stream, Rocky, Alma)");
        }

        if (tokens.Any(t => ArchToken().IsMatch(t)))
        {
            return new KernelFlavor("generic", "arch", $"release {release} names Arch Linux's default kernel (archN)");
        }

        if (last == "default")
        {
            return new KernelFlavor("generic", "suse", "release suffix -default (SUSE)");
        }

        if (parts.Length > 2 && last is "amd64" or "arm64" or "ppc64el" or "s390x" or "riscv64" or "686")
        {
            return new KernelFlavor("generic", "debian", $"release suffix -{last} (Debian's standard kernel)");
        }

        return new KernelFlavor("generic", null, $"no known flavor suffix in {release}; taken as a generic build");
    }

    [GeneratedRegex("^(rt[0-9]*|realtime)$")]
    private static partial Regex RtToken();

    [GeneratedRegex("^hardened[0-9]*$")]
    private static partial Regex HardenedToken();

    [GeneratedRegex("^zen[0-9]*$")]
    private static partial Regex ZenToken();

    [GeneratedRegex("^lowlatency$")]
    private static partial Regex LowLatencyToken();

    [GeneratedRegex("^amzn[0-9]*$")]
    private static partial Regex AmazonLinuxToken();

    [GeneratedRegex("^(azl[0-9]+|cm[0-9]+)$")]
    private static partial Regex AzureLinuxToken();

    [GeneratedRegex("^fc[0-9]+$")]
    private static partial Regex FedoraToken();

    [GeneratedRegex("^el[0-9]+$")]
    private static partial Regex EnterpriseLinuxToken();

    [GeneratedRegex("^arch[0-9]+$")]
    private static partial Regex ArchToken();
}
