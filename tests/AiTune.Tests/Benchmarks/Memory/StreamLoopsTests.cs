using AiTune.Benchmarks.Memory;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Memory;

public sealed unsafe class StreamLoopsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1003)]
    public void Copy_writes_every_element_and_nothing_beyond(int count)
    {
        double[] a = new double[count + 1];
        double[] b = Enumerable.Range(0, count + 1).Select(i => i * 1.5).ToArray();
        a[count] = -1;
        fixed (double* pa = a, pb = b)
        {
            StreamLoops.Run(StreamKernel.Copy, pa, pb, null, 3.0, count);
        }

        Assert.Equal(b.Take(count), a.Take(count));
        Assert.Equal(-1, a[count]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(1003)]
    public void Triad_computes_b_plus_s_times_c_for_every_element(int count)
    {
        double[] a = new double[count + 1];
        double[] b = Enumerable.Range(0, count + 1).Select(i => (double)i).ToArray();
        double[] c = Enumerable.Range(0, count + 1).Select(i => 0.25 * i).ToArray();
        a[count] = -1;
        fixed (double* pa = a, pb = b, pc = c)
        {
            StreamLoops.Run(StreamKernel.Triad, pa, pb, pc, 3.0, count);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i + 3.0 * 0.25 * i), a.Take(count));
        Assert.Equal(-1, a[count]);
    }

    [Fact]
    public void Slices_are_disjoint_cover_the_arrays_and_start_on_cache_lines()
    {
        Gen.Select(Gen.Long[0, 1L << 34], Gen.Int[1, 512]).Sample((elements, parts) =>
        {
            long next = 0;
            for (int i = 0; i < parts; i++)
            {
                var (start, count) = StreamLoops.Slice(elements, parts, i);
                if (start != next || count < 0 || start % StreamLoops.SliceAlignment != 0)
                {
                    return false;
                }

                next = start + count;
            }

            return next == elements;
        });
    }
}
