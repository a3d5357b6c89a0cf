namespace AiTune.Inspection.Kernel;

/// <summary>What kind of kernel build this is.</summary>
/// <param name="Name">generic, lts, rt, cloud, hardened, cachyos, zen, lowlatency.</param>
/// <param name="Variant">A sub-kind where one exists: the CachyOS package (server, bore, lts, rt-bore …; null for the
/// default linux-cachyos), the cloud (aws, azure, gcp, oracle, kvm, cloud-amd64, amazon-linux …), zen's liquorix, and
/// for generic builds the distribution the release names (ubuntu, debian, fedora, rhel, arch, suse; null when the
/// release names none).</param>
/// <param name="Evidence">What the detection relied on ("release suffix -rt-amd64; CONFIG_PREEMPT_RT=y").</param>
public sealed record KernelFlavor(string Name, string? Variant, string Evidence);
