using System.Globalization;
using System.Text;
using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.Inspection.Cpu;
using AiTune.Lab.Configs;
using AiTune.Lab.Guest;
using AiTune.Lab.Image;
using AiTune.Lab.Kernels;
using AiTune.Lab.Packages;
using AiTune.Lab.Qemu;
using AiTune.Services.Benchmarking;
using AiTune.Snapshots;
using AiTune.Text;

namespace AiTune.Services.Lab;

/// <summary>
/// `aitune lab run`: boots every kernel in a QEMU guest whose PID 1 is aitune itself, round after round in an
/// interleaved order, checks that each guest ran the kernel it was meant to and stayed healthy, stores each guest's
/// run like any run (tagged with the kernel, its configuration hash and the guest's fingerprint), and judges every
/// metric of every kernel against the baseline: runs as replicates under the time measure, the path-length rule
/// under the instructions measure. A boot that fails is retried once, then reported with its console and left out.
/// </summary>
/// <param name="toolVersion">aitune's version, recorded with every run.</param>
public sealed class LabSession(string toolVersion)
{
    /// <summary>Cancellation kills the running guest; the runs stored so far stay.</summary>
    public LabReport Run(LabRunRequest request, Action<string>? progress, CancellationToken cancellation)
    {
        Validate(request);
        var qemu = QemuLocator.Find(QemuTargets.ForHost());
        var kernels = ResolveKernels(request);
        var kvm = ProbeKvm(qemu, kernels[0], request.CacheRoot, request.Accelerator, request.Measure, progress, cancellation);
        var (measure, accelerator) = ChooseMachine(request.Accelerator, request.Measure, kvm);
        if (measure == LabMeasure.Time && accelerator == Accelerator.Tcg)
        {
            throw new AiTuneException("wall-clock time under TCG is not a performance measurement: emulated guests' timings vary by 20–40 % between boots and carry emulator artefacts (one kernel falls back to the HPET clocksource, another does not)",
                "use --measure instructions (deterministic path length under TCG), or run the lab where /dev/kvm is usable" + (kvm.Reason is null ? "" : $" (here: {kvm.Reason})"));
        }

        if (measure == LabMeasure.Instructions && request.Suites.Any(s => s != "kernel"))
        {
            throw new AiTuneException($"--measure instructions counts instructions of kernel paths; the {string.Join(", ", request.Suites.Where(s => s != "kernel"))} suite(s) measure bandwidth or time, which icount cannot see",
                "use --suites kernel with --measure instructions, or run the other suites under KVM (--measure time)");
        }

        int cpus = measure == LabMeasure.Instructions ? 1 : request.Cpus;
        int baseline = BaselineIndex(request.Baseline, kernels);
        var keys = LabGuestImage.Keys(kernels.Count);
        var fingerprint = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["lab-measure"] = measure.ToString().ToLowerInvariant(),
            ["lab-accelerator"] = accelerator.ToString().ToLowerInvariant(),
            ["lab-vcpus"] = cpus.ToString(CultureInfo.InvariantCulture),
            ["lab-memory-mib"] = request.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            ["lab-qemu"] = qemu.Version.ToString(),
            ["lab-host-cpu"] = HostCpuModel(),
            ["lab-host-cpus-pinned"] = HostCpuPin.Describe(HostCpuPin.ForThisHost(cpus, accelerator, measure)),
            ["lab-kernel-command-line"] = QemuCommandLine.KernelArguments(qemu, accelerator, []),
        };
        var settings = new LabSettings(LabSettings.CurrentSchemaVersion, LabGuestPayloads.Suites, 1, request.Suites, request.Quick, request.Profile, fingerprint);
        var settingsJson = JsonSerializer.SerializeToUtf8Bytes(settings, LabGuestJsonContext.Readable.LabSettings);

        using var work = LabWorkDirectory.Create();
        var images = LabGuestImage.Prepare(kernels, keys, request.GuestBinary, request.CacheRoot, settingsJson, work, progress, cancellation);

        var boots = new List<LabBoot>();
        var runs = keys.ToDictionary(k => k, _ => new List<BenchmarkRun>(), StringComparer.Ordinal);
        string database;
        using (var store = StoredRuns.Open(request.Database))
        {
            database = store.Path;
            int maxRounds = measure == LabMeasure.Time ? request.MaxRounds ?? Math.Min(100, request.Rounds * 2) : request.Rounds;
            string roundsShown = maxRounds > request.Rounds ? $"{request.Rounds} (up to {maxRounds})" : $"{request.Rounds}";
            var schedule = LabSchedule.Interleaved(kernels.Count, maxRounds);
            double bootSeconds = 0;
            int booted = 0, position = 0;
            foreach (var (round, index) in schedule)
            {
                position++;
                if (round > request.Rounds && (position - 1) % kernels.Count == 0 && !LabAdaptiveRounds.NeedMore(runs.Values))
                {
                    // The start of a round beyond those asked for, and every kernel's boots already agree.
                    break;
                }

                for (int attempt = 1; attempt <= 2; attempt++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Invoke($"round {round}/{roundsShown}: booting {keys[index]} {kernels[index].Release}" + (attempt > 1 ? " (retry)" : "") +
                        TimeLeft(bootSeconds, booted, schedule.Count - position + 1));
                    var machine = new GuestMachine(images[index].Kernel.ImagePath, images[index].Initrd, work.File($"console-{keys[index]}-{round}-{attempt}.log"),
                        work.File($"results-{keys[index]}-{round}-{attempt}.bin"), cpus, request.MemoryMiB, accelerator, measure, []);
                    var boot = Boot(qemu, machine, kernels[index], keys[index], round, attempt, request, measure, store, cancellation);
                    boots.Add(boot.Boot);
                    bootSeconds += boot.Boot.WallSeconds;
                    booted++;
                    if (boot.Run is not null)
                    {
                        runs[keys[index]].Add(boot.Run);
                        break;
                    }

                    if (!boot.Retry)
                    {
                        break;
                    }
                }
            }
        }

        var labKernels = kernels.Select((k, i) => new LabKernel(keys[i], k.Release, k.Flavor.Name + (k.Flavor.Variant is null ? "" : "/" + k.Flavor.Variant),
            k.Preemption.IsKnown ? Inspection.Kernel.PreemptionModelNames.Of(k.Preemption.Value) : "unknown", k.Origin, ConfigHash(k), i == baseline)).ToList();
        var verdicts = Judge(keys, baseline, runs, measure);
        var configs = kernels.Select((k, i) => new KernelConfigInput($"{keys[i]} {k.Release}", k.Options, k.ConfigSource)).ToList();
        var ordered = configs.Skip(baseline).Take(1).Concat(configs.Where((_, i) => i != baseline)).ToList();
        var differences = ordered.Count > 1 ? KernelConfigDiffer.Compare(ordered) : null;
        return new LabReport(measure, accelerator, cpus, request.MemoryMiB, qemu.Version.ToString(), boots.Count == 0 ? 0 : boots.Max(b => b.Round), labKernels, boots, verdicts,
            differences, database);
    }

    private static (LabBoot Boot, BenchmarkRun? Run, bool Retry) Boot(QemuBinary qemu, GuestMachine machine, KernelCandidate kernel, string key, int round, int attempt,
        LabRunRequest request, LabMeasure measure, ResultStore store, CancellationToken cancellation)
    {
        var guest = GuestRun.Boot(qemu, machine, request.Timeout, cancellation);
        var (outcome, health, hostLoad) = (guest.Outcome, guest.Health, guest.HostLoad);
        (LabBoot, BenchmarkRun?, bool) Failed(string why, bool retry = true, int? score = null) =>
            (new(key, round, attempt, null, why, health.LastLines, outcome.WallTime.TotalSeconds, outcome.Load.LoadAverageAtEnd, outcome.Load.ForeignCpuSeconds, score, null, hostLoad?.BusyReason), null, retry);

        if (guest.Payload is not { } payload)
        {
            return Failed(guest.Failure!, guest.Retry);
        }

        LabGuestReport report;
        BenchmarkRun run;
        try
        {
            report = JsonSerializer.Deserialize(payload, LabJsonContext.Strict.LabGuestReport)
                ?? throw new JsonException("the document is null");
            run = BenchmarkRunsDocument.Parse(Encoding.UTF8.GetBytes(report.Runs), $"the guest's run ({key}, round {round})").Runs.Single();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or AiTuneException)
        {
            return Failed("the guest's document is not a lab report: " + e.Message, retry: false);
        }

        var identity = report.Identity;
        CheckIdentity(kernel, identity);

        if (identity.CriticalKernelMessages.Count > 0)
        {
            return Failed("the kernel logged critical messages: " + string.Join(" | ", identity.CriticalKernelMessages.Take(3)), score: report.AuditScore);
        }

        if (run.Partial || !run.Cases.Any(c => c.Metrics.Any(m => m.Samples.Count > 0)))
        {
            return Failed("the guest's run measured nothing, or not every case", retry: false, score: report.AuditScore);
        }

        if (measure == LabMeasure.Instructions)
        {
            // Under icount a guest nanosecond is one instruction: the unit says so, and a compare with a timed run
            // (another unit) is refused rather than misread.
            run = run with { Cases = run.Cases.Select(c => c with { Metrics = c.Metrics.Select(m => m with { Unit = InstructionsUnit(m.Unit) }).ToList() }).ToList() };
        }

        run = run with
        {
            Label = $"lab {key} {kernel.Release} round {round}",
            Environment = run.Environment with { KernelConfigHash = ConfigHash(kernel) },
            Load = hostLoad,
        };
        cancellation.ThrowIfCancellationRequested();
        run = run with { Id = store.Save(run) };
        return (new LabBoot(key, round, attempt, run.Id, null, [], outcome.WallTime.TotalSeconds, outcome.Load.LoadAverageAtEnd, outcome.Load.ForeignCpuSeconds,
            report.AuditScore, identity.Clocksource, hostLoad?.BusyReason), run, false);
    }

    /// <summary>", about 2 min left" from the boots so far (retries included in their mean); "" before the first.</summary>
    internal static string TimeLeft(double bootSeconds, int booted, int remaining)
    {
        if (booted == 0 || remaining <= 0)
        {
            return "";
        }

        double left = bootSeconds / booted * remaining;
        return left < 90
            ? $", about {Math.Max(1, Math.Round(left / 5) * 5).ToString("0", CultureInfo.InvariantCulture)} s left"
            : $", about {Math.Round(left / 60).ToString("0", CultureInfo.InvariantCulture)} min left";
    }

    /// <summary>"ns" → "instructions", "ns/page" → "instructions/page".</summary>
    private static string InstructionsUnit(string unit) => unit.StartsWith("ns", StringComparison.Ordinal) ? "instructions" + unit[2..] : unit;

    private static IReadOnlyList<LabMetricVerdict> Judge(IReadOnlyList<string> keys, int baseline, Dictionary<string, List<BenchmarkRun>> runs, LabMeasure measure)
    {
        var verdicts = new List<LabMetricVerdict>();
        var baseRuns = runs[keys[baseline]];
        for (int i = 0; i < keys.Count; i++)
        {
            var candidateRuns = runs[keys[i]];
            if (i == baseline || baseRuns.Count == 0 || candidateRuns.Count == 0)
            {
                continue;
            }

            var metrics = Metrics(baseRuns, candidateRuns);
            var spreads = metrics.ToDictionary(m => m.Samples.Name, m => (
                LabMetricVerdict.Spread(m.Samples.BaselineRuns.Select(r => Median(r)).ToList()),
                LabMetricVerdict.Spread(m.Samples.CandidateRuns.Select(r => Median(r)).ToList())), StringComparer.Ordinal);
            if (measure == LabMeasure.Instructions)
            {
                foreach (var verdict in PathLengthComparison.Compare(metrics.Select(m => m.Samples).ToList()))
                {
                    var unit = metrics.First(m => m.Samples.Name == verdict.Name).Unit;
                    var (baseSpread, candidateSpread) = spreads[verdict.Name];
                    verdicts.Add(new LabMetricVerdict(keys[i], verdict.Name, unit, Median(verdict.BaselineRunMedians), Median(verdict.CandidateRunMedians),
                        verdict.Ratio, verdict.BaselineRunMedians.Count, verdict.CandidateRunMedians.Count, verdict.Verdict, verdict.Reason, baseSpread, candidateSpread));
                }
            }
            else
            {
                var comparison = BenchmarkComparison.Compare(baseRuns, candidateRuns);
                foreach (var metric in comparison.Result?.Metrics ?? [])
                {
                    var (baseSpread, candidateSpread) = spreads.GetValueOrDefault(metric.Name);
                    verdicts.Add(new LabMetricVerdict(keys[i], metric.Name, comparison.Units.GetValueOrDefault(metric.Name, ""), metric.BaselineMedian,
                        metric.CandidateMedian, metric.Ratio, metric.BaselineRuns, metric.CandidateRuns, metric.Verdict,
                        $"runs as replicates: p = {metric.AdjustedPValue.ToString("0.###", CultureInfo.InvariantCulture)} after Holm, ratio interval {metric.RatioInterval.Lower.ToString("0.###", CultureInfo.InvariantCulture)}–{metric.RatioInterval.Upper.ToString("0.###", CultureInfo.InvariantCulture)}",
                        baseSpread, candidateSpread));
                }
            }
        }

        return verdicts;
    }

    private static List<(MetricSamples Samples, string Unit)> Metrics(List<BenchmarkRun> baseline, List<BenchmarkRun> candidate)
    {
        var names = baseline.SelectMany(r => r.Metrics()).Select(m => m.Name).Distinct(StringComparer.Ordinal)
            .Where(name => candidate.All(r => r.Metrics().Any(m => m.Name == name)) && baseline.All(r => r.Metrics().Any(m => m.Name == name)))
            .ToList();
        return names.Select(name =>
        {
            var first = baseline[0].Metrics().First(m => m.Name == name).Metric;
            IReadOnlyList<IReadOnlyList<double>> Side(List<BenchmarkRun> side) => side.Select(r => r.Metrics().First(m => m.Name == name).Metric.Samples).ToList();
            return (new MetricSamples(name, first.Direction, Side(baseline), Side(candidate)), first.Unit);
        }).ToList();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The host CPU's model: under TCG the guest sees an emulated CPU, yet the host's CPU runs it (a count of
    /// instructions is the same on any host; a time is not).</summary>
    private static string HostCpuModel()
    {
        try
        {
            return CpuinfoParser.Parse(File.ReadAllText("/proc/cpuinfo")).Select(p => p["model name"] ?? p["CPU part"]).OfType<string>().FirstOrDefault() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string ConfigHash(KernelCandidate kernel) =>
        Sha256.HexOfUtf8(string.Join('\n', kernel.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));

    /// <summary>KVM as the lab would find it: /dev/kvm's API (<see cref="KvmProbe"/>), then, only where the run could
    /// take KVM, one boot of <paramref name="first"/> under it (<see cref="KvmGuestCheck"/>), because a KVM that
    /// answers its API may still not run an ordinary guest. Under --accel auto a failed check means TCG, and
    /// <paramref name="progress"/> says why.</summary>
    internal static KvmAvailability ProbeKvm(QemuBinary qemu, KernelCandidate first, string? cacheRoot, AcceleratorRequest request, LabMeasure? measure,
        Action<string>? progress, CancellationToken cancellation)
    {
        var kvm = KvmProbe.Probe();
        if (!kvm.Usable || request == AcceleratorRequest.Tcg || measure == LabMeasure.Instructions)
        {
            return kvm;
        }

        progress?.Invoke($"checking that KVM runs a guest ({first.Release}, up to {KvmGuestCheck.Deadline.TotalSeconds:0} s)");
        var image = KernelCandidates.Bootable(first, cacheRoot ?? KernelPackageCache.DefaultRoot).ImagePath;
        var checkedKvm = KvmGuestCheck.Run(qemu, image, cancellation);
        if (!checkedKvm.Usable && request == AcceleratorRequest.Auto)
        {
            progress?.Invoke($"not using KVM: {checkedKvm.Reason}");
        }

        return checkedKvm;
    }

    /// <summary>The measure (asked, else time under KVM and instructions under TCG) and the accelerator for it.</summary>
    internal static (LabMeasure Measure, Accelerator Accelerator) ChooseMachine(AcceleratorRequest request, LabMeasure? asked, KvmAvailability kvm)
    {
        var measure = asked ?? (request != AcceleratorRequest.Tcg && kvm.Usable ? LabMeasure.Time : LabMeasure.Instructions);
        return (measure, KvmProbe.Choose(request, measure, kvm));
    }

    /// <summary>The guest must have run the kernel it was meant to: its uname release, and the image's version
    /// string (build number and date) containing the guest's uname version.</summary>
    internal static void CheckIdentity(KernelCandidate kernel, GuestIdentity identity)
    {
        if (identity.Release != kernel.Release || (kernel.Image.Version is { } built && !built.Contains(identity.Version, StringComparison.Ordinal)))
        {
            throw new AiTuneException($"the guest meant to run {kernel.Release} ({kernel.Image.Version}) reports {identity.Release} ({identity.Version})",
                "the lab tested something other than the kernel it was given: check the package or tree (a wrong vmlinuz beside a config?)");
        }
    }

    private List<KernelCandidate> ResolveKernels(LabRunRequest request) => ResolveKernels(request.Kernels, request.Root, toolVersion);

    /// <summary>Every kernel the arguments name (one argument may name several: "installed").</summary>
    internal static List<KernelCandidate> ResolveKernels(IReadOnlyList<string> arguments, string? rootArgument, string toolVersion)
    {
        var (root, _) = HostRootOpener.Open(rootArgument, toolVersion);
        using (root)
        {
            return arguments.SelectMany(argument => KernelCandidates.Resolve(argument, root)).ToList();
        }
    }

    private static int BaselineIndex(string? baseline, List<KernelCandidate> kernels)
    {
        if (baseline is null)
        {
            return 0;
        }

        if (int.TryParse(baseline, NumberStyles.None, CultureInfo.InvariantCulture, out int position) && position >= 1 && position <= kernels.Count)
        {
            return position - 1;
        }

        int found = kernels.FindIndex(k => k.Release == baseline);
        return found >= 0
            ? found
            : throw new AiTuneException($"--baseline {DisplayText.Excerpt(baseline)} names none of the kernels",
                $"give a release ({string.Join(", ", kernels.Select(k => k.Release).Distinct())}) or a position from 1 to {kernels.Count}");
    }

    private static void Validate(LabRunRequest request)
    {
        if (request.Kernels.Count == 0)
        {
            throw new AiTuneException("lab run needs at least one --kernel", "aitune lab run --kernel A.deb --kernel B.deb (the first is the baseline)");
        }

        if (request.Kernels.Count > 26)
        {
            throw new AiTuneException($"{request.Kernels.Count} kernels: the lab takes at most 26 in one run", "split the kernels over several runs with the same baseline");
        }

        if (request.Rounds is < 1 or > 100)
        {
            throw new AiTuneException($"--rounds {request.Rounds}: give 1 to 100", "5 or more rounds let the time measure show a change; 2 are enough for instructions");
        }

        if (request.MaxRounds is { } max && (max < request.Rounds || max > 100))
        {
            throw new AiTuneException($"--max-rounds {max}: give --rounds ({request.Rounds}) to 100", "the time measure adds rounds up to --max-rounds while boots disagree");
        }

        if (request.Cpus is < 1 or > 256 || request.MemoryMiB is < 256 or > 1 << 20)
        {
            throw new AiTuneException($"a guest of {request.Cpus} vCPUs and {request.MemoryMiB} MiB is out of range", "give --cpus 1 to 256 and --memory 256MiB to 1TiB");
        }

        if (request.Suites.Count == 0)
        {
            throw new AiTuneException("lab run needs at least one suite", "--suites kernel");
        }

        BenchmarkSuites.Parse(string.Join(',', request.Suites)); // an unknown suite fails here, before any guest boots
        if (request.Profile is not null)
        {
            // The guest audits with the built-in profiles (it sees none of the host's files): an unknown name fails
            // here, not in every guest after its boot.
            Profiles.ProfileCatalog.BuiltIn.Select(request.Profile);
        }

        if (!File.Exists(request.GuestBinary))
        {
            throw new AiTuneException($"the guest's aitune binary {DisplayText.FilePath(request.GuestBinary)} does not exist",
                "run the published aitune (dotnet publish src/AiTune.Cli -c Release -r linux-x64)");
        }
    }
}
