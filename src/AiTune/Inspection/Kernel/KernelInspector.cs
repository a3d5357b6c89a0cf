using System.Globalization;
using System.Text;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Kernel;

/// <summary>Reads the running kernel's identity, build configuration and boot parameters through the host root.</summary>
public static class KernelInspector
{
    private const string OsReleasePath = "/proc/sys/kernel/osrelease";
    private const string VersionPath = "/proc/version";
    private const string ArchPath = "/proc/sys/kernel/arch";
    private const string CmdlinePath = "/proc/cmdline";
    private const string TaintedPath = "/proc/sys/kernel/tainted";
    private const string SchedExtPath = "/sys/kernel/sched_ext/state";
    private const string PreemptDebugfsPath = "/sys/kernel/debug/sched/preempt";
    private const string ProcConfigPath = "/proc/config.gz";
    public const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    /// <summary>Highest CONFIG_HZ taken as real: Kconfig offers 100 to 1000, and some trees go up to a few thousand.</summary>
    private const int MaxHz = 100_000;

    public static KernelFacts Inspect(HostRoot root, HostSource source)
    {
        var identity = ReadIdentity(root);
        return Inspect(root, source, identity, ReadConfiguration(root, identity));
    }

    /// <summary>The version line, the release and the command line: what other families need from the kernel.</summary>
    public static KernelIdentity ReadIdentity(HostRoot root)
    {
        var version = root.ReadText(VersionPath).Bind(text => ProcVersionParser.Parse(text, VersionPath));
        return new KernelIdentity(version, ReadRelease(root, version), root.ReadText(CmdlinePath).Map(KernelCommandLine.Parse));
    }

    /// <summary>The build configuration: the costly part of the kernel's facts (a compressed file of thousands of
    /// options), read on its own so that an inspection can read it on another CPU meanwhile.</summary>
    internal static Fact<ConfigRead> ReadConfiguration(HostRoot root, KernelIdentity identity) => ReadConfig(root, identity.Release);

    /// <summary>The kernel's facts from its <paramref name="identity"/> and configuration, read before.</summary>
    internal static KernelFacts Inspect(HostRoot root, HostSource source, KernelIdentity identity, Fact<ConfigRead> configRead)
    {
        var (version, release, cmdline) = (identity.Version, identity.Release, identity.Cmdline);
        var configFile = configRead.Map(read => read.File);
        var fullConfig = configFile.TryGet(out var file) ? file.Options : null;
        var kept = configFile.Map(KeepRelevant);

        var flavor = release.Map(r => KernelFlavorDetector.Detect(r, version.ValueOrDefault, fullConfig));
        var debugfs = root.ReadText(PreemptDebugfsPath);
        var preemption = PreemptionResolver.Resolve(debugfs.ValueOrDefault, cmdline.ValueOrDefault, version.ValueOrDefault,
            fullConfig, configFile.Reason);

        return new KernelFacts(
            release,
            version.Map(v => v.Line),
            Architecture(root, source, fullConfig, configFile.Reason),
            flavor,
            Longterm(release, source),
            preemption,
            PreemptDynamic(version.ValueOrDefault, fullConfig, configFile.Reason),
            Hz(configFile, configRead.Map(read => read.Path).GetValueOrDefault("the kernel config")),
            configRead.Map(read => read.Path),
            kept,
            cmdline,
            root.ReadText(TaintedPath).Bind(text => KernelTaintParser.Parse(text, TaintedPath)),
            root.ReadText(SchedExtPath).Bind(SchedExtState),
            root.ReadText(BootIdPath, SysfsFile.MaxBytes).Bind(BootId),
            configFile.TryGet(out var parsed) ? parsed.MalformedOptions.Where(AiRelevantConfigOptions.Contains).ToList() : null);
    }

    /// <summary>/proc/sys/kernel/osrelease, or the release in /proc/version when osrelease cannot be read.</summary>
    private static Fact<string> ReadRelease(HostRoot root, Fact<ProcVersion> version)
    {
        var release = root.ReadText(OsReleasePath).Bind(text =>
        {
            var trimmed = text.Trim();
            return trimmed.Length > 0 && trimmed.Length <= 128 && trimmed.All(c => c > ' ' && c <= '~')
                ? Fact.Known(trimmed)
                : Fact.Unknown<string>(UnknownReason.Malformed(OsReleasePath, "not a release string"));
        });
        return !release.IsKnown && version.TryGet(out var v) ? v.Release : release;
    }

    /// <summary>Where the configuration was read, and what it holds.</summary>
    internal sealed record ConfigRead(string Path, KernelConfigFile File);

    private static readonly LastParsedConfig LastConfig = new();

    /// <summary>The options an inspection reads: those the facts keep, and those the flavor, architecture and
    /// preemption are told from (a test holds the detectors to this list). A distribution config sets thousands more.</summary>
    internal static readonly ConfigOptionNames ConfigOptionsRead = new(AiRelevantConfigOptions.Names.Concat(KernelArchitecture.ConfigOptions));

    /// <summary>The build configuration, from the first place that has it: /proc/config.gz (CONFIG_IKCONFIG_PROC),
    /// /boot/config-RELEASE, /lib/modules/RELEASE/config. A place that exists but cannot be read is passed over for the
    /// next; when none can be read, the reason is the first failure that is not a missing file.</summary>
    private static Fact<ConfigRead> ReadConfig(HostRoot root, Fact<string> release)
    {
        var failures = new List<UnknownReason>();
        var proc = root.ReadBytes(ProcConfigPath).Bind(compressed => LastConfig.GetOrParse(ProcConfigPath, compressed, bytes =>
            KernelConfigParser.ParseGzip(bytes, ProcConfigPath, ConfigOptionsRead)));
        if (proc.TryGet(out var fromProc))
        {
            return new ConfigRead(ProcConfigPath, fromProc);
        }

        failures.Add(proc.Reason!);
        if (release.TryGet(out var r))
        {
            foreach (var path in new[] { $"/boot/config-{r}", $"/lib/modules/{r}/config" })
            {
                var file = root.ReadBytes(path).Bind(read => LastConfig.GetOrParse(path, read, bytes => KernelConfigParser.Parse(bytes, path, ConfigOptionsRead)));
                if (file.TryGet(out var parsed))
                {
                    return new ConfigRead(path, parsed);
                }

                failures.Add(file.Reason!);
            }
        }

        var telling = failures.FirstOrDefault(f => f.Kind != UnknownKind.Absent);
        if (telling is not null)
        {
            return Fact.Unknown<ConfigRead>(telling);
        }

        var tried = release.IsKnown
            ? $"{ProcConfigPath}, /boot/config-{r} and /lib/modules/{r}/config"
            : $"{ProcConfigPath} (the release, which names the other places, is unknown)";
        return Fact.Unknown<ConfigRead>(UnknownKind.Absent, $"no kernel config: none of {tried} exists");
    }

    private static IReadOnlyDictionary<string, string> KeepRelevant(KernelConfigFile file)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in AiRelevantConfigOptions.Names)
        {
            if (file.Options.TryGetValue(name, out var value))
            {
                kept[name] = value;
            }
        }

        return kept;
    }

    private static Fact<string> Architecture(HostRoot root, HostSource source, IReadOnlyDictionary<string, string>? config,
        UnknownReason? configUnknown)
    {
        if (!string.IsNullOrWhiteSpace(source.Machine))
        {
            return source.Machine;
        }

        var arch = root.ReadText(ArchPath).Map(text => text.Trim());
        if (arch.TryGet(out var name) && name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return name;
        }

        if (config is not null)
        {
            return KernelArchitecture.FromConfig(config) is { } fromConfig
                ? fromConfig
                : Fact.Unknown<string>(UnknownKind.Malformed, "the kernel config names no architecture aitune knows, and /proc/sys/kernel/arch is not readable");
        }

        return Fact.Unknown<string>(configUnknown?.Kind ?? UnknownKind.Absent,
            $"unknown: no machine in the snapshot, {ArchPath} not readable, and no kernel config ({configUnknown?.Detail})");
    }

    private static Fact<LongtermStatus> Longterm(Fact<string> release, HostSource source)
    {
        var at = DateOnly.FromDateTime((source.CapturedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
        return release.Bind(r => LongtermTable.Shipped.Bind(table => table.Status(r, at)));
    }

    /// <summary>Internal for the kernel lab, which tells the same facts of kernels that are not running.</summary>
    internal static Fact<bool> PreemptDynamic(ProcVersion? version, IReadOnlyDictionary<string, string>? config, UnknownReason? configUnknown)
    {
        if (version?.Has("PREEMPT_DYNAMIC") == true)
        {
            return true;
        }

        if (config is not null)
        {
            return config.TryGetValue("CONFIG_PREEMPT_DYNAMIC", out var v) && v == "y";
        }

        // Kernels before 6.0 printed only "PREEMPT" for a dynamic build, so /proc/version alone cannot say no.
        return Fact.Unknown<bool>(configUnknown ?? new UnknownReason(UnknownKind.Absent, "no kernel config"));
    }

    /// <summary>Internal for the kernel lab, which tells the same facts of kernels that are not running.</summary>
    internal static Fact<int> Hz(Fact<KernelConfigFile> config, string path) => config.Bind(file =>
    {
        if (file.MalformedOptions.Contains("CONFIG_HZ"))
        {
            return Fact.Unknown<int>(UnknownReason.Malformed(path, "the CONFIG_HZ line is not in Kconfig's format"));
        }

        if (!file.Options.TryGetValue("CONFIG_HZ", out var text))
        {
            return Fact.Unknown<int>(UnknownKind.Absent, $"{path} has no CONFIG_HZ");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hz) && hz is > 0 and <= MaxHz
            ? hz
            : Fact.Unknown<int>(UnknownReason.Malformed(path, $"CONFIG_HZ={text} is not a tick rate"));
    });

    /// <summary>The kernel prints boot_id as a lower-case UUID with dashes (drivers/char/random.c, proc_do_uuid: "%pU"):
    /// 36 characters, 8-4-4-4-12 hex digits. Anything else is not a boot id, and a journal must not compare it.</summary>
    private static Fact<string> BootId(string text)
    {
        var id = text.Trim();
        return Guid.TryParseExact(id, "D", out _) && id.All(c => c == '-' || char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c))
            ? id
            : Fact.Unknown<string>(UnknownReason.Malformed(BootIdPath, "not a UUID (8-4-4-4-12 lower-case hex digits)"));
    }

    /// <summary>/sys/kernel/sched_ext/state: "enabling", "enabled", "disabling" or "disabled"
    /// (kernel/sched/ext.c, scx_enable_state_str).</summary>
    private static Fact<string> SchedExtState(string text)
    {
        var state = text.Trim();
        return state.Length is > 0 and <= 32 && state.All(char.IsAsciiLetterLower)
            ? state
            : Fact.Unknown<string>(UnknownReason.Malformed(SchedExtPath, "not a sched_ext state word"));
    }
}
