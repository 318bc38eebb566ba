using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// The kernel worker team: every chunk runs exactly once whoever runs it, concurrent callers each get their own work
/// done, steady-state runs do not allocate, and a large optimizer update split over two threads gives the same bits
/// as one thread.
/// </summary>
public class TeamTests
{
    private sealed class Marks(int count) : ITeamWork
    {
        public readonly int[] Runs = new int[count];
        public readonly int[] Threads = new int[count];

        public void Run(int chunk, int count)
        {
            Assert.Equal(Runs.Length, count);
            Interlocked.Increment(ref Runs[chunk]);
            Threads[chunk] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(2000); // long enough for the worker to take a share
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Every_chunk_runs_exactly_once(int count)
    {
        for (int rep = 0; rep < 50; rep++)
        {
            var work = new Marks(count);
            Team.Run(work, count);
            Assert.All(work.Runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void Concurrent_callers_each_complete_their_own_work()
    {
        var failures = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int rep = 0; rep < 200; rep++)
            {
                var work = new Marks(3);
                Team.Run(work, 3);
                if (work.Runs.Any(r => r != 1)) Interlocked.Increment(ref failures);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, failures);
    }

    private sealed class Nothing : ITeamWork
    {
        public void Run(int chunk, int count) { }
    }

    [Fact]
    public void Steady_state_runs_do_not_allocate()
    {
        var work = new Nothing();
        for (int i = 0; i < 10; i++) Team.Run(work, 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Team.Run(work, 2);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(Drive.ParallelUpdate)]
    [InlineData(784 * 512 + 13)]
    public void A_split_adam_update_has_the_bits_of_one_thread_and_of_small_pieces(int n)
    {
        var r = new System.Random(n);
        float[] w = new float[n], m = new float[n], v = new float[n], g = new float[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = (float)(r.NextDouble() * 2 - 1);
            m[i] = (float)(r.NextDouble() * 0.1);
            v[i] = (float)(r.NextDouble() * 0.01);
            g[i] = (float)(r.NextDouble() - 0.5);
        }
        float[] h = [1e-3f, 0.1f, 0.001f, 1e-7f];
        var split = (W: (float[])w.Clone(), M: (float[])m.Clone(), V: (float[])v.Clone());
        var pieces = (W: (float[])w.Clone(), M: (float[])m.Clone(), V: (float[])v.Clone());
        int saved = Team.Threads;
        try
        {
            Team.Threads = 2;
            for (int step = 0; step < 3; step++) Drive.Update<float, AdamOp>(split.W, split.M, split.V, g, h);
            Team.Threads = 1;
            for (int step = 0; step < 3; step++)
                for (int i = 0; i < n; i += 1000)
                {
                    int len = Math.Min(1000, n - i);
                    Drive.Update<float, AdamOp>(pieces.W.AsSpan(i, len), pieces.M.AsSpan(i, len), pieces.V.AsSpan(i, len), g.AsSpan(i, len), h);
                }
        }
        finally { Team.Threads = saved; }
        Assert.True(split.W.AsSpan().SequenceEqual(pieces.W), "var differs");
        Assert.True(split.M.AsSpan().SequenceEqual(pieces.M), "m differs");
        Assert.True(split.V.AsSpan().SequenceEqual(pieces.V), "v differs");
        Assert.False(split.W.AsSpan().SequenceEqual(w), "the update changed nothing");
    }
}
