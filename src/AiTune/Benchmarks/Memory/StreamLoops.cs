using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiTune.Benchmarks.Memory;

/// <summary>
/// The STREAM loops over raw doubles, written with 256- or 128-bit vectors so the JIT and the AOT compiler emit the
/// loads and stores a C compiler at -O3 does; the scalar loop is the fallback and the tail. Plain stores, not
/// non-temporal ones, as gcc compiles stream.c: a streaming store skips the write-allocate read and would beat STREAM
/// for a reason that is not the memory system. The loops are compiled fully optimized on their first call: under the
/// JIT's tiering the first repetitions would otherwise time unoptimized code.
/// </summary>
public static unsafe class StreamLoops
{
    /// <summary>Elements per slice boundary: a 64-byte cache line, so two threads never write one line.</summary>
    public const long SliceAlignment = 8;

    public static void Run(StreamKernel kernel, double* a, double* b, double* c, double scalar, long count)
    {
        if (kernel == StreamKernel.Copy)
        {
            Copy(a, b, count);
        }
        else
        {
            Triad(a, b, c, scalar, count);
        }
    }

    /// <summary>a[i] = b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(double* a, double* b, long count)
    {
        long i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(b + i), a + i);
                Vector256.Store(Vector256.Load(b + i + 4), a + i + 4);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= count - 4; i += 4)
            {
                Vector128.Store(Vector128.Load(b + i), a + i);
                Vector128.Store(Vector128.Load(b + i + 2), a + i + 2);
            }
        }

        for (; i < count; i++)
        {
            a[i] = b[i];
        }
    }

    /// <summary>a[i] = b[i] + scalar × c[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Triad(double* a, double* b, double* c, double scalar, long count)
    {
        long i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scalar);
            for (; i <= count - 8; i += 8)
            {
                Vector256.Store(Vector256.Load(b + i) + s * Vector256.Load(c + i), a + i);
                Vector256.Store(Vector256.Load(b + i + 4) + s * Vector256.Load(c + i + 4), a + i + 4);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var s = Vector128.Create(scalar);
            for (; i <= count - 4; i += 4)
            {
                Vector128.Store(Vector128.Load(b + i) + s * Vector128.Load(c + i), a + i);
                Vector128.Store(Vector128.Load(b + i + 2) + s * Vector128.Load(c + i + 2), a + i + 2);
            }
        }

        for (; i < count; i++)
        {
            a[i] = b[i] + scalar * c[i];
        }
    }

    /// <summary>Slice <paramref name="index"/> of <paramref name="parts"/> disjoint slices covering
    /// [0, <paramref name="elements"/>), boundaries on cache lines, the last slice taking the remainder.</summary>
    public static (long Start, long Count) Slice(long elements, int parts, int index)
    {
        long start = elements * index / parts / SliceAlignment * SliceAlignment;
        long end = index == parts - 1 ? elements : elements * (index + 1) / parts / SliceAlignment * SliceAlignment;
        return (start, end - start);
    }
}
