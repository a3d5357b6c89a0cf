using System.Runtime.InteropServices;
using SQLitePCL;

namespace AiTune.Benchmarks.Store;

/// <summary>
/// Points Microsoft.Data.Sqlite at the system's SQLite through SQLitePCLRaw's "sqlite3" provider. In the NativeAOT
/// binary its P/Invokes are direct calls into the statically linked libsqlite3.a (AiTune.Cli.csproj), so nothing is
/// loaded at run time. Under the JIT (dotnet run, the tests) the library is loaded by name: the runtime probes for
/// "libsqlite3.so", which only the -dev package installs, so the runtime library's soname is tried first.
/// </summary>
internal static class SqliteLibrary
{
    private const string Soname = "libsqlite3.so.0";

    private static readonly Lock Gate = new();

    private static bool ready;

    public static void EnsureReady()
    {
        lock (Gate)
        {
            if (ready)
            {
                return;
            }

            var provider = new SQLite3Provider_sqlite3();
            NativeLibrary.SetDllImportResolver(provider.GetType().Assembly, (name, _, _) =>
                name == "sqlite3" && NativeLibrary.TryLoad(Soname, out var handle) ? handle : IntPtr.Zero);
            raw.SetProvider(provider);
            ready = true;
        }
    }
}
