using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TfLessons.Bench;

/// <summary>
/// What the machine can do, as this process sees it (DOTNET_EnableAVX512F=0 / DOTNET_EnableAVX2=0 narrow it): the
/// ISA path TfLessons' float32 kernels take, and the FP32 FMA peak measured with tight FMA chains on every core.
/// </summary>
public static class Machine
{
    /// <summary>avx512, avx2 or vector128: the widest packed GEMM / vector loop width the runtime enables.</summary>
    public static string IsaPath =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Fma.IsSupported ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported ? "avx2"
        : Vector128.IsHardwareAccelerated ? "vector128" : "scalar";

    /// <summary>
    /// FP32 GFLOP/s of 12 independent FMA chains per thread at the widest accelerated vector width, one thread per
    /// core (at most 2, the cores the GEMM uses), best of 3. 12 chains cover a 4-6 cycle FMA latency on two pipes.
    /// </summary>
    public static double MeasureFmaPeakGflops(int threads)
    {
        const long iterations = 50_000_000;
        double best = 0, lanes = Chains(1000); // compiles it outside the clock
        for (int rep = 0; rep < 3; rep++)
        {
            var ts = new Thread[threads];
            using var go = new ManualResetEventSlim();
            for (int t = 0; t < threads; t++)
            {
                ts[t] = new Thread(() => { go.Wait(); Chains(iterations); });
                ts[t].Start();
            }
            var sw = Stopwatch.StartNew();
            go.Set();
            foreach (var th in ts) th.Join();
            double seconds = sw.Elapsed.TotalSeconds;
            best = Math.Max(best, threads * 12.0 * 2 * lanes * iterations / seconds / 1e9);
        }
        return best;
    }

    /// <summary>Runs 12 FMA chains for the given iterations; returns the lanes per vector. Fused where the CPU fuses.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Chains(long iterations)
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var (x, y) = (Vector512.Create(0.999f), Vector512.Create(1e-3f));
            Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Avx512F.FusedMultiplyAdd(a0, x, y); a1 = Avx512F.FusedMultiplyAdd(a1, x, y); a2 = Avx512F.FusedMultiplyAdd(a2, x, y);
                a3 = Avx512F.FusedMultiplyAdd(a3, x, y); a4 = Avx512F.FusedMultiplyAdd(a4, x, y); a5 = Avx512F.FusedMultiplyAdd(a5, x, y);
                a6 = Avx512F.FusedMultiplyAdd(a6, x, y); a7 = Avx512F.FusedMultiplyAdd(a7, x, y); a8 = Avx512F.FusedMultiplyAdd(a8, x, y);
                a9 = Avx512F.FusedMultiplyAdd(a9, x, y); a10 = Avx512F.FusedMultiplyAdd(a10, x, y); a11 = Avx512F.FusedMultiplyAdd(a11, x, y);
            }
            Sink = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
            return 16;
        }
        if (Fma.IsSupported)
        {
            var (x, y) = (Vector256.Create(0.999f), Vector256.Create(1e-3f));
            Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Fma.MultiplyAdd(a0, x, y); a1 = Fma.MultiplyAdd(a1, x, y); a2 = Fma.MultiplyAdd(a2, x, y);
                a3 = Fma.MultiplyAdd(a3, x, y); a4 = Fma.MultiplyAdd(a4, x, y); a5 = Fma.MultiplyAdd(a5, x, y);
                a6 = Fma.MultiplyAdd(a6, x, y); a7 = Fma.MultiplyAdd(a7, x, y); a8 = Fma.MultiplyAdd(a8, x, y);
                a9 = Fma.MultiplyAdd(a9, x, y); a10 = Fma.MultiplyAdd(a10, x, y); a11 = Fma.MultiplyAdd(a11, x, y);
            }
            Sink = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
            return 8;
        }
        {
            var (x, y) = (Vector128.Create(0.999f), Vector128.Create(1e-3f));
            Vector128<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
            for (long i = 0; i < iterations; i++)
            {
                a0 = a0 * x + y; a1 = a1 * x + y; a2 = a2 * x + y; a3 = a3 * x + y; a4 = a4 * x + y; a5 = a5 * x + y;
                a6 = a6 * x + y; a7 = a7 * x + y; a8 = a8 * x + y; a9 = a9 * x + y; a10 = a10 * x + y; a11 = a11 * x + y;
            }
            Sink = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
            return 4;
        }
    }

    private static float Sink;

    /// <summary>The ISA and FMA-peak fields added to a GEMM-bound workload's detail: peak, achieved GFLOP/s, % of peak.</summary>
    public static Dictionary<string, object> PeakDetail(double achievedGflops)
    {
        int threads = Math.Min(2, Environment.ProcessorCount);
        double peak = MeasureFmaPeakGflops(threads);
        return new()
        {
            ["isa"] = IsaPath,
            ["fma_peak_gflops"] = Math.Round(peak, 1),
            ["fma_peak_threads"] = threads,
            ["gflops"] = Math.Round(achievedGflops, 2),
            ["pct_of_peak"] = Math.Round(100 * achievedGflops / peak, 1),
        };
    }
}

/// <summary>
/// `TfLessons.Bench gemm-shapes`: GFLOP/s of single float32 MatMuls through a session, for the shape classes the GEMM
/// dispatch distinguishes (square, skinny deep-k, tall, narrow). Run it with TFL_SGEMM_PATH=blas|avx2|... and
/// DOTNET_EnableAVX512=0 to compare the paths on one machine.
/// </summary>
public static class GemmShapes
{
    public static void Run()
    {
        var shapes = new (string Name, int M, int N, int K, bool TA, bool TB)[]
        {
            ("square fwd 128x512x784", 128, 512, 784, false, false),
            ("square dW 784x512x128^T", 784, 512, 128, true, false),
            ("square dX 128x784x512 B^T", 128, 784, 512, false, true),
            ("square 512^3", 512, 512, 512, false, false),
            ("narrow logits 128x10x512", 128, 10, 512, false, false),
            ("skinny W1X 25x32x12288", 25, 32, 12288, false, false),
            ("skinny dW1 25x12288x32 B^T", 25, 12288, 32, false, true),
            ("tall 4096x64x64", 4096, 64, 64, false, false),
        };
        var rng = new Random.RandomState(0);
        foreach (var s in shapes)
        {
            tf.reset_default_graph();
            var a = tf.placeholder(tf.float32, new Shape(-1, -1));
            var b = tf.placeholder(tf.float32, new Shape(-1, -1));
            var c = tf.matmul(a, b, s.TA, s.TB);
            using var session = tf.Session();
            NDArray av = np.astype(np.array(rng.Rand(s.M * s.K), s.TA ? s.K : s.M, s.TA ? s.M : s.K), DType.Float32);
            NDArray bv = np.astype(np.array(rng.Rand(s.K * s.N), s.TB ? s.N : s.K, s.TB ? s.K : s.N), DType.Float32);
            for (int i = 0; i < 20; i++) session.run(c, (a, av), (b, bv));
            double best = double.MaxValue;
            for (int rep = 0; rep < 5; rep++)
            {
                int calls = Math.Max(5, (int)(2e9 / (2.0 * s.M * s.N * s.K) / 5));
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++) session.run(c, (a, av), (b, bv));
                best = Math.Min(best, sw.Elapsed.TotalSeconds / calls);
            }
            Console.WriteLine($"{s.Name,-30} {2.0 * s.M * s.N * s.K / best / 1e9,8:F1} GFLOP/s {best * 1e6,9:F1} us");
        }
    }
}
