namespace AiTune.Metrics.Host;

/// <summary>A cgroup asked for with --cgroup.</summary>
/// <param name="Name">The cgroup as /proc/PID/cgroup names it ("/system.slice/ollama.service"): the cgroup label.</param>
/// <param name="HostPath">Its directory on the host ("/sys/fs/cgroup/system.slice/ollama.service").</param>
public sealed record CgroupDirectory(string Name, string HostPath);
