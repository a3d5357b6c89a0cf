using AiTune.Audit;

namespace AiTune.Tests.Audit.FixSimulation;

/// <summary>
/// Reads the runtime fix a finding prints (the commands a sysadmin pastes) as the file writes the kernel would see,
/// for the command shapes aitune prints: <c>sysctl -w k=v …</c>, <c>echo V &gt; PATH</c>, <c>echo V | tee PATHS</c>,
/// <c>cpupower frequency-set -g G</c>, joined by "; ", each maybe followed by a parenthesised remark. Anything else
/// (modprobe, ulimit, advice in words) is not simulated: <see cref="Parse"/> answers null and says why.
/// </summary>
public static class RuntimeFixParser
{
    /// <summary>Files the kernel computes from a write (a huge page pool changes meminfo and the per-node files too),
    /// so writing one file of a tree is not what the kernel would show.</summary>
    private static readonly string[] KernelComputed = ["/nr_hugepages", "/proc/sys/vm/nr_hugepages"];

    /// <summary>Write-only triggers that change no state a rule reads.</summary>
    private static readonly string[] Triggers = ["/proc/sys/vm/compact_memory", "/proc/sys/vm/drop_caches"];

    public static IReadOnlyList<FileWrite>? Parse(string runtime, out string? whyNot)
    {
        whyNot = null;
        var writes = new List<FileWrite>();
        foreach (var raw in runtime.Split("; "))
        {
            var command = StripRemark(raw.Trim());
            if (command == KnobFixes.MountDebugfs)
            {
                continue;
            }

            var step = ParseCommand(command);
            if (step is null)
            {
                whyNot = $"not a file write: {command}";
                return null;
            }

            foreach (var write in step)
            {
                if (KernelComputed.Any(k => write.HostPath.EndsWith(k, StringComparison.Ordinal)))
                {
                    whyNot = $"the kernel computes more than the file written: {write.HostPath}";
                    return null;
                }

                if (!Triggers.Contains(write.HostPath))
                {
                    writes.Add(write);
                }
            }
        }

        return writes;
    }

    /// <summary>"echo 1 > x (then read it back)" → "echo 1 > x": a remark in parentheses after a command.</summary>
    private static string StripRemark(string command)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(' && depth == 0 && i > 0 && command[i - 1] == ' ')
            {
                return command[..(i - 1)].TrimEnd();
            }
        }

        return command;
    }

    private static List<FileWrite>? ParseCommand(string command)
    {
        if (command.StartsWith("sysctl -w ", StringComparison.Ordinal))
        {
            return Assignments(command["sysctl -w ".Length..])?
                .Select(a => new FileWrite("/proc/sys/" + a.Key.Replace('.', '/'), a.Value)).ToList();
        }

        if (command.StartsWith("cpupower frequency-set -g ", StringComparison.Ordinal))
        {
            var governor = command["cpupower frequency-set -g ".Length..].Trim();
            return governor.Contains(' ') ? null : [new FileWrite("/sys/devices/system/cpu/cpufreq/policy*/scaling_governor", governor)];
        }

        if (!command.StartsWith("echo ", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = command["echo ".Length..];
        int redirect = rest.IndexOf(" > ", StringComparison.Ordinal);
        if (redirect > 0)
        {
            var path = rest[(redirect + 3)..].Trim();
            return path.Contains(' ') || !path.StartsWith('/') ? null : [new FileWrite(path, Unquote(rest[..redirect].Trim()))];
        }

        int tee = rest.IndexOf(" | tee ", StringComparison.Ordinal);
        if (tee > 0)
        {
            var value = Unquote(rest[..tee].Trim());
            var paths = rest[(tee + 7)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return paths.All(p => p.StartsWith('/')) ? paths.Select(p => new FileWrite(p, value)).ToList() : null;
        }

        return null;
    }

    /// <summary>key=value pairs; a value with spaces is in double quotes.</summary>
    private static List<KeyValuePair<string, string>>? Assignments(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            int equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                return null;
            }

            var key = text[i..equals];
            string value;
            if (equals + 1 < text.Length && text[equals + 1] == '"')
            {
                int close = text.IndexOf('"', equals + 2);
                if (close < 0)
                {
                    return null;
                }

                value = text[(equals + 2)..close];
                i = close + 1;
            }
            else
            {
                int end = text.IndexOf(' ', equals);
                end = end < 0 ? text.Length : end;
                value = text[(equals + 1)..end];
                i = end;
            }

            if (key.Length == 0 || key.Contains(' '))
            {
                return null;
            }

            result.Add(new(key, value));
        }

        return result.Count == 0 ? null : result;
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
