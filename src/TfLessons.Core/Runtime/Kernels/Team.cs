using System.Diagnostics;

namespace TfLessons.Runtime.Kernels;

/// <summary>Work that <see cref="Team"/> splits into chunks: each chunk must write a part of the output no other chunk does.</summary>
internal interface ITeamWork
{
    /// <summary>Runs chunk <paramref name="chunk"/> of <paramref name="count"/>; called once per chunk, on either thread.</summary>
    void Run(int chunk, int count);
}

/// <summary>
/// The caller and one dedicated worker thread, for the kernels that split their output in two (large GEMMs, optimizer
/// updates). The worker spins for <see cref="SpinMicroseconds"/> after its last chunk before it blocks: on this kind
/// of VM a blocked thread (thread-pool worker included) took 40 us to wake and often a whole 4 ms scheduler tick
/// (measured: a queued GEMM half started 3-4 ms late in most products of one shape, so the caller did both halves),
/// while a spinning one starts within a microsecond. A training step calls the team every few hundred microseconds,
/// so the worker stays awake for the whole loop and sleeps after it.
/// Chunks are fixed by the work, not by who runs them, so results are the same for any thread count and timing.
/// One caller at a time owns the team; a concurrent caller (another session on another thread) runs its chunks alone.
/// </summary>
internal static class Team
{
    /// <summary>How long the worker waits spinning for the next work before it blocks.</summary>
    internal static int SpinMicroseconds { get; set; } = 2000;

    /// <summary>
    /// Threads a split uses: 2 on a multi-core machine unless TFL_THREADS=1, else 1 (everything on the caller).
    /// Results do not depend on it.
    /// </summary>
    internal static int Threads { get; set; } = Environment.ProcessorCount >= 2 && Environment.GetEnvironmentVariable("TFL_THREADS") != "1" ? 2 : 1;

    private static int s_owned;        // 1 while a caller owns the team
    private static long s_word;        // high 32 bits: chunk count of the current work; low 32: next chunk to hand out
    private static int s_remaining;    // chunks of the current work not finished
    private static ITeamWork? s_work;
    private static int s_sleeping;     // 1 while the worker is (about to be) blocked on s_wake
    private static readonly SemaphoreSlim s_wake = new(0);
    private static Thread? s_thread;
    private static readonly object s_start = new();

    /// <summary>
    /// Runs chunks 0..count-1 of <paramref name="work"/> on this thread and the worker and returns when all are done.
    /// Allocation-free after the worker has started.
    /// </summary>
    public static void Run(ITeamWork work, int count)
    {
        if (count <= 0) return;
        if (count == 1 || Threads < 2 || Interlocked.CompareExchange(ref s_owned, 1, 0) != 0)
        {
            for (int c = 0; c < count; c++) work.Run(c, count);
            return;
        }
        try
        {
            if (s_thread is null) StartWorker();
            s_work = work;
            Volatile.Write(ref s_remaining, count);
            // Publishes the fields above. A worker that grabs a chunk after this reads them after its grab.
            Interlocked.Exchange(ref s_word, (long)count << 32);
            if (Volatile.Read(ref s_sleeping) == 1 && Interlocked.Exchange(ref s_sleeping, 0) == 1) s_wake.Release();
            Help();
            // The worker may still be in its last chunk.
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; Volatile.Read(ref s_remaining) != 0; i++)
            {
                if (i < 64 || Stopwatch.GetElapsedTime(start).TotalMilliseconds < 2) Thread.SpinWait(20);
                else Thread.Sleep(0); // the worker was descheduled (busy machine): give it the core
            }
        }
        finally
        {
            s_work = null;
            Volatile.Write(ref s_owned, 0);
        }
    }

    /// <summary>Takes chunks of the current work until none is left.</summary>
    private static void Help()
    {
        while (true)
        {
            long v = Interlocked.Increment(ref s_word) - 1;
            int c = (int)v, count = (int)(v >> 32);
            if (c >= count) return;
            s_work!.Run(c, count);
            Interlocked.Decrement(ref s_remaining);
        }
    }

    private static bool Available()
    {
        long v = Volatile.Read(ref s_word);
        return (int)v < (int)(v >> 32);
    }

    private static void StartWorker()
    {
        lock (s_start)
        {
            if (s_thread is not null) return;
            var t = new Thread(Worker) { IsBackground = true, Name = "TfLessons kernel worker" };
            t.Start();
            s_thread = t;
        }
    }

    private static void Worker()
    {
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; !Available(); i++)
            {
                if ((i & 63) != 0 || Stopwatch.GetElapsedTime(start).TotalMicroseconds < SpinMicroseconds)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                // Block; a caller that publishes work after the check below sees s_sleeping and wakes us.
                Volatile.Write(ref s_sleeping, 1);
                Interlocked.MemoryBarrier();
                if (!Available()) s_wake.Wait();
                Volatile.Write(ref s_sleeping, 0);
                start = Stopwatch.GetTimestamp();
                i = 0;
            }
            Help();
        }
    }
}
