using AiTune.Interop;

namespace AiTune.Lab.Guest;

/// <summary>Loads the modules of /aitune/modules with finit_module(2), in order.</summary>
public static class KernelModuleLoader
{
    /// <summary>Loads each path; returns (loaded, already present). A module that fails otherwise is an exception:
    /// the lab listed it because the results channel needs it.</summary>
    public static (IReadOnlyList<string> Loaded, IReadOnlyList<string> AlreadyPresent) LoadAll(IReadOnlyList<string> paths)
    {
        var loaded = new List<string>();
        var present = new List<string>();
        if (paths.Count == 0)
        {
            return (loaded, present);
        }

        long number = Posix.FinitModuleSyscallNumber
            ?? throw new AiTuneException("the lab guest cannot load modules on this architecture", "use a kernel with the lab's modules built in");
        foreach (string path in paths)
        {
            int fd = Posix.Open(path, Posix.ORdOnly | Posix.OCloExec);
            if (fd < 0)
            {
                throw new AiTuneException($"the lab guest cannot open the module {path}: {Posix.Describe(Posix.LastError)}",
                    "the initramfs lacks a module its list names");
            }

            try
            {
                if (Posix.FinitModule(number, fd) == 0)
                {
                    loaded.Add(path);
                    continue;
                }

                int errno = Posix.LastError;
                if (errno != Posix.EEXIST)
                {
                    throw new AiTuneException($"the lab guest could not load the module {path}: {Posix.Describe(errno)}",
                        "the module does not match the kernel, or a module it depends on is missing from the list");
                }

                present.Add(path);
            }
            finally
            {
                Posix.Close(fd);
            }
        }

        return (loaded, present);
    }
}
