namespace AiTune.Inspection.Coexistence;

/// <summary>The sysctls kubelet insists on. At start, kubelet's container manager compares each with its value
/// (kubernetes/kubernetes pkg/kubelet/cm/container_manager_linux.go, setupKernelTunables, with the values of
/// pkg/util/sysctl: VMOvercommitMemoryAlways, VMPanicOnOOMInvokeOOMKiller, KernelPanicRebootTimeout,
/// KernelPanicOnOopsAlways, RootMaxKeysSetting, RootMaxBytesSetting = RootMaxKeysSetting * 25). It writes the
/// expected value back (KernelTunableModify), or, with --protect-kernel-defaults (protectKernelDefaults: true,
/// KernelTunableError), refuses to start while one differs.</summary>
public static class KubeletKernelDefaults
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vm.overcommit_memory"] = "1",
        ["vm.panic_on_oom"] = "0",
        ["kernel.panic"] = "10",
        ["kernel.panic_on_oops"] = "1",
        ["kernel.keys.root_maxkeys"] = "1000000",
        ["kernel.keys.root_maxbytes"] = "25000000",
    };
}
