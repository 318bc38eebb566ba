using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// Single-precision GEMM for AVX-512 (GotoBLAS/BLIS layout): C = op(A) @ op(B), row-major, C overwritten.
/// Loops: k in KC blocks, n in NC blocks (the B block stays in L2), m in MR-row slivers (each packed A sliver stays
/// in L1 while every NR-column B sliver of the block streams past it), then a 13x32 register-tile microkernel.
/// Packing makes the transpose cases look alike to the microkernel and zero-pads edges; B [k,n] is usually read in
/// place. Large products use two threads; results are bitwise identical for any thread count.
/// </summary>
internal static unsafe class Sgemm512
{
    // 13 rows x 2 zmm = 26 accumulators + 2 B vectors + 1 broadcast = 29 of the 32 zmm registers (no spills).
    // 13 (not 12 or 14) wastes little padding on the shapes that matter: m = 25 -> 26, 128 -> 130, 784 -> 793.
    private const int MR = 13, NR = 32;
    private const int KcMax = 320;               // k block: A sliver 13*320*4 = 16.6 KB, well inside the 48 KB L1d
    private const int BBlockFloats = 192 * 1024; // packed B block (kc*nc) <= 768 KB, inside the 1 MB L2 per core
    private const int SliverPad = 16;            // packed B slivers 64 B off a 4 KB multiple: no set conflicts packing
    private const int AFloats = MR * KcMax + 64; // packed A sliver, plus slack for 16-wide stores past its end

    /// <summary>True when the CPU and the JIT support AVX-512F and FMA.</summary>
    public static bool IsSupported { get; } = Avx512F.IsSupported && Fma.IsSupported;

    /// <summary>m*n*k below this runs on one thread: waking an idle pool thread costs ~10 us on this VM.</summary>
    internal static long ParallelFlops { get; set; } = 1L << 22;

    /// <summary>Threads used for large products (1 or 2). Results do not depend on it.</summary>
    internal static int MaxThreads { get; set; } = Team.Threads;

    /// <summary>
    /// C[m,n] = op(A) @ op(B), row-major, no alpha/beta (C is overwritten). op transposes when ta/tb.
    /// A is [m,k] (or [k,m] when ta), B is [k,n] (or [n,k] when tb). lda/ldb are the row lengths implied by those shapes.
    /// </summary>
    public static void Multiply(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("Sgemm512 needs AVX-512F and FMA.");
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
            throw new ArgumentException("a, b or c is shorter than the shapes imply.");
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }
        fixed (float* pa = a, pb = b, pc = c)
        {
            // Narrow C (e.g. n = 10 logits) wastes most of a 32-wide tile: compute C^T = op(B)^T op(A)^T instead,
            // writing the tiles transposed. Same products summed in the same order, so the same bits.
            bool swap = Padded(n, m) * 3 < Padded(m, n) * 2;
            var p = swap ? new Problem(pb, pa, pc, n, m, k, !tb, !ta, true) : new Problem(pa, pb, pc, m, n, k, ta, tb, false);
            if (swap) (m, n) = (n, m);
            int tilesM = (m + MR - 1) / MR, tilesN = (n + NR - 1) / NR;
            float[] buffer = t_buffer ??= NewBuffer();
            if (MaxThreads < 2 || (long)m * n * k < ParallelFlops || (tilesM < 2 && tilesN < 2))
            {
                Compute(in p, 0, m, 0, n, buffer);
                return;
            }
            // Two threads: C is cut in two along m or n (whole tiles); the halves go to this thread and the Team's
            // worker, and if that one is slow to start this thread takes both. Each C element is summed by one
            // thread in the same order whatever the thread count or timing: bitwise the same result.
            // Split m when B is read in place (nothing is packed twice), else the dimension whose operand is cheaper
            // to pack twice; unless whole tiles make that split >6% less even than the other (e.g. 5 row tiles).
            // (Finer chunks were tried: each re-streams B or repacks A, which cost more than the balance won.)
            long halfM = (tilesM + 1) / 2 * MR * (long)tilesN * NR, halfN = (tilesN + 1) / 2 * NR * (long)tilesM * MR;
            bool splitN = !InPlace(in p) && n >= m;
            if (tilesM < 2 || tilesN < 2) splitN = tilesM < 2;
            else if (splitN ? halfM * 16 < halfN * 15 : halfN * 16 < halfM * 15) splitN = !splitN;
            Split split = t_split ??= new Split();
            split.Set(in p, splitN);
            Team.Run(split, 2);
        }
    }

    /// <summary>
    /// B [k,n] is read in place (no packing) unless its row stride is a multiple of 1 KB (n = 512, 768, 1024...): then
    /// the rows of a sliver fall into few cache sets and evict each other, and the packed copy is faster (measured:
    /// 128x512x784 went from 171 to 288 GFLOP/s packed).
    /// </summary>
    private static bool InPlace(in Problem p) => !p.TB && (p.N < 256 || p.N % 256 != 0);

    private static long Padded(int m, int n) => (long)((m + MR - 1) / MR * MR) * ((n + NR - 1) / NR * NR);

    /// <summary>One product; TC: C is stored transposed ([n,m], the swapped narrow case).</summary>
    private readonly struct Problem(float* a, float* b, float* c, int m, int n, int k, bool ta, bool tb, bool tc)
    {
        public readonly float* A = a, B = b, C = c;
        public readonly int M = m, N = n, K = k;
        public readonly bool TA = ta, TB = tb, TC = tc;
    }

    /// <summary>
    /// A product cut in two halves for <see cref="Team"/>: one per calling thread, reused, so steady-state calls do
    /// not allocate. Each half packs into the packing buffer of the thread that runs it.
    /// </summary>
    private sealed class Split : ITeamWork
    {
        private Problem p;
        private bool splitN;

        public void Set(in Problem problem, bool byN) => (p, splitN) = (problem, byN);

        public void Run(int chunk, int count)
        {
            float[] buf = t_buffer ??= NewBuffer();
            int tiles = splitN ? (p.N + NR - 1) / NR : (p.M + MR - 1) / MR, t0 = chunk * tiles / count, t1 = (chunk + 1) * tiles / count;
            if (splitN) Compute(in p, 0, p.M, t0 * NR, Math.Min(p.N, t1 * NR), buf);
            else Compute(in p, t0 * MR, Math.Min(p.M, t1 * MR), 0, p.N, buf);
        }
    }

    [ThreadStatic] private static Split? t_split;
    [ThreadStatic] private static float[]? t_buffer;

    /// <summary>Packing buffer: pinned (POH, so the pointer stays valid), A sliver then B block, 64-byte aligned.</summary>
    private static float[] NewBuffer() => GC.AllocateUninitializedArray<float>(AFloats + BBlockFloats + 16, pinned: true);

    /// <summary>Computes C[m0..m1, n0..n1] using one packing buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compute(in Problem p, int m0, int m1, int n0, int n1, float[] buffer)
    {
        float* aPack = (float*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + 63) & ~(nint)63);
        float* bPack = aPack + AFloats;

        int k = p.K, n = p.N;
        // Equal k blocks <= KcMax, rounded up to 16 so the transposing packs rarely need their scalar tail.
        int blocks = (k + KcMax - 1) / KcMax;
        int kc = Math.Min(k, ((k + blocks - 1) / blocks + 15) & ~15);
        int ncMax = BBlockFloats / (kc * NR + SliverPad) * NR;
        long bStride = (long)kc * NR + SliverPad;
        bool inPlace = InPlace(in p);
        for (int p0 = 0; p0 < k; p0 += kc)
        {
            int kb = Math.Min(kc, k - p0);
            bool acc = p0 > 0; // first k block overwrites C, later ones add to it (fixed order: deterministic)
            for (int j0 = n0; j0 < n1; j0 += ncMax)
            {
                int nb = Math.Min(ncMax, n1 - j0), nFull = inPlace ? nb / NR * NR : 0;
                PackB(in p, p0, kb, j0 + nFull, nb - nFull, bPack, bStride); // only the partial sliver when in place
                for (int i0 = m0; i0 < m1; i0 += MR)
                {
                    int mr = Math.Min(MR, m1 - i0);
                    PackA(in p, p0, kb, i0, mr, aPack);
                    for (int jj = 0; jj < nb; jj += NR)
                    {
                        int nr = Math.Min(NR, nb - jj);
                        bool direct = jj < nFull;
                        float* bs = direct ? p.B + (long)p0 * n + j0 + jj : bPack + (jj - nFull) / NR * bStride;
                        long ldb = direct ? n : NR;
                        if (p.TC) Edge(aPack, bs, ldb, kb, p.C + (long)(j0 + jj) * p.M + i0, p.M, mr, nr, acc, true);
                        else if (mr == MR && nr == NR) Kernel(aPack, bs, ldb, kb, p.C + (long)i0 * n + j0 + jj, n, acc);
                        else Edge(aPack, bs, ldb, kb, p.C + (long)i0 * n + j0 + jj, n, mr, nr, acc, false);
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[i0..i0+mr, p0..p0+kb] as dst[p*MR + r], rows past mr zeroed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(in Problem p, int p0, int kb, int i0, int mr, float* dst)
    {
        if (p.TA)
        {
            // A is [k,m]: each k step is a contiguous run of mr floats. Full vector store may overrun by 3
            // floats into the next step, which is rewritten right after (and the buffer has slack at the end).
            float* src = p.A + (long)p0 * p.M + i0;
            var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(mr)).AsSingle();
            for (int q = 0; q < kb; q++, src += p.M)
                Vector512.Store(Avx512F.MaskLoad(src, mask, Vector512<float>.Zero), dst + q * MR);
        }
        else TransposePack(p.A + (long)i0 * p.K + p0, p.K, mr, kb, dst, MR);
    }

    /// <summary>Packs op(B)[p0..p0+kb, j0..j0+nb] as NR-column slivers: dst[s*kb*NR + p*NR + j], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(in Problem p, int p0, int kb, int j0, int nb, float* dst, long sliver)
    {
        if (p.TB)
        {
            // B is [n,k]: rows of B become columns of the sliver, 16 at a time.
            for (int s = 0; s < nb; s += NR, dst += sliver)
            {
                int nr = Math.Min(NR, nb - s);
                float* src = p.B + (long)(j0 + s) * p.K + p0;
                TransposePack(src, p.K, Math.Min(nr, 16), kb, dst, NR);
                TransposePack(src + 16L * p.K, p.K, Math.Max(nr - 16, 0), kb, dst + 16, NR);
            }
            return;
        }
        // B is [k,n]: walk it row by row (one sequential read stream), scattering each row over the slivers.
        int full = nb / NR * NR, rest = nb - full;
        var m0 = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(rest)).AsSingle();
        var m1 = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(rest - 16)).AsSingle();
        for (int q = 0; q < kb; q++)
        {
            float* row = p.B + (long)(p0 + q) * p.N + j0, d = dst + q * NR;
            for (int s = 0; s < full; s += NR, d += sliver)
            {
                Vector512.Store(Vector512.Load(row + s), d);
                Vector512.Store(Vector512.Load(row + s + 16), d + 16);
            }
            if (rest > 0)
            {
                Vector512.Store(Avx512F.MaskLoad(row + full, m0, Vector512<float>.Zero), d);
                Vector512.Store(Avx512F.MaskLoad(row + full + 16, m1, Vector512<float>.Zero), d + 16);
            }
        }
    }

    /// <summary>
    /// dst[q*ds + r] = src[r*ld + q] for r &lt; rows (zero for rows..15), q &lt; kb, stored as min(ds,16) lanes:
    /// 16x16 register transposes, then a scalar tail for kb % 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposePack(float* src, long ld, int rows, int kb, float* dst, int ds)
    {
        var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(ds)).AsSingle();
        int q0 = 0;
        for (; q0 + 16 <= kb; q0 += 16)
        {
            Quad(src + q0, ld, rows, 0, out var a0, out var a1, out var a2, out var a3);
            Quad(src + q0, ld, rows, 4, out var b0, out var b1, out var b2, out var b3);
            Quad(src + q0, ld, rows, 8, out var c0, out var c1, out var c2, out var c3);
            Quad(src + q0, ld, rows, 12, out var d0, out var d1, out var d2, out var d3);
            float* d = dst + q0 * ds;
            Lanes(a0, b0, c0, d0, d, ds, mask);
            Lanes(a1, b1, c1, d1, d + ds, ds, mask);
            Lanes(a2, b2, c2, d2, d + 2 * ds, ds, mask);
            Lanes(a3, b3, c3, d3, d + 3 * ds, ds, mask);
        }
        int width = Math.Min(ds, 16);
        for (; q0 < kb; q0++)
            for (int r = 0; r < width; r++) dst[q0 * ds + r] = r < rows ? src[r * ld + q0] : 0f;
    }

    /// <summary>
    /// Rows r0..r0+3 (zero past rows) x 16 columns -> u_s holding columns s, s+4, s+8, s+12 of the 4 rows,
    /// one column per 128-bit lane (unpack ps, then unpack pd).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quad(float* src, long ld, int rows, int r0, out Vector512<float> u0, out Vector512<float> u1,
        out Vector512<float> u2, out Vector512<float> u3)
    {
        var x0 = r0 < rows ? Vector512.Load(src + r0 * ld) : default;
        var x1 = r0 + 1 < rows ? Vector512.Load(src + (r0 + 1) * ld) : default;
        var x2 = r0 + 2 < rows ? Vector512.Load(src + (r0 + 2) * ld) : default;
        var x3 = r0 + 3 < rows ? Vector512.Load(src + (r0 + 3) * ld) : default;
        var t0 = Avx512F.UnpackLow(x0, x1).AsDouble();
        var t1 = Avx512F.UnpackHigh(x0, x1).AsDouble();
        var t2 = Avx512F.UnpackLow(x2, x3).AsDouble();
        var t3 = Avx512F.UnpackHigh(x2, x3).AsDouble();
        u0 = Avx512F.UnpackLow(t0, t2).AsSingle();
        u1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
        u2 = Avx512F.UnpackLow(t1, t3).AsSingle();
        u3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
    }

    /// <summary>
    /// Given u_s of row groups 0..3, stores columns s, s+4, s+8, s+12 (16 rows each) at d, d+4ds, d+8ds, d+12ds.
    /// Masked to ds lanes, so a 13-wide A row never clobbers its neighbour.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3,
        float* d, int ds, Vector512<float> mask)
    {
        var lo01 = Avx512F.Shuffle4x128(g0, g1, 0x88);
        var hi01 = Avx512F.Shuffle4x128(g0, g1, 0xDD);
        var lo23 = Avx512F.Shuffle4x128(g2, g3, 0x88);
        var hi23 = Avx512F.Shuffle4x128(g2, g3, 0xDD);
        Avx512F.MaskStore(d, mask, Avx512F.Shuffle4x128(lo01, lo23, 0x88));
        Avx512F.MaskStore(d + 4 * ds, mask, Avx512F.Shuffle4x128(hi01, hi23, 0x88));
        Avx512F.MaskStore(d + 8 * ds, mask, Avx512F.Shuffle4x128(lo01, lo23, 0xDD));
        Avx512F.MaskStore(d + 12 * ds, mask, Avx512F.Shuffle4x128(hi01, hi23, 0xDD));
    }

    /// <summary>
    /// Partial (or transposed) tile: run the full kernel into a scratch tile, then copy or add the valid part,
    /// with masked vectors (row-major C) or scalars (transposed C, only used for narrow products).
    /// </summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Edge(float* a, float* b, long ldb, int kb, float* c, long ldc, int mr, int nr, bool acc, bool transposed)
    {
        float* t = stackalloc float[MR * NR];
        Kernel(a, b, ldb, kb, t, NR, false);
        if (transposed)
        {
            for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++)
                    c[j * ldc + i] = acc ? c[j * ldc + i] + t[i * NR + j] : t[i * NR + j];
            return;
        }
        var lo = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(nr)).AsSingle();
        var hi = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(nr - 16)).AsSingle();
        for (int i = 0; i < mr; i++, c += ldc)
        {
            Vector512<float> v0 = Vector512.Load(t + i * NR), v1 = Vector512.Load(t + i * NR + 16);
            if (acc) { v0 += Avx512F.MaskLoad(c, lo, default); v1 += Avx512F.MaskLoad(c + 16, hi, default); }
            Avx512F.MaskStore(c, lo, v0);
            Avx512F.MaskStore(c + 16, hi, v1);
        }
    }

    /// <summary>
    /// 13x32 register tile: per k step two B vectors, 13 broadcasts, 26 FMAs (FMA-bound: 13 cycles at 2 FMA/cycle).
    /// Locals, not arrays, so RyuJIT keeps all 26 accumulators in zmm registers. NoInlining: tier-1 PGO once inlined
    /// it into Compute, where the accumulators spilled and it ran 3x slower. AggressiveOptimization here and on the
    /// packing code: no slow tier-0 phase for the first calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(float* a, float* b, long ldb, int kb, float* c, long ldc, bool acc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default,
            c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default,
            cA0 = default, cA1 = default, cB0 = default, cB1 = default, cC0 = default, cC1 = default;
        for (int q = 0; q < kb; q++, a += MR, b += ldb)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8]); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]); cA0 = Vector512.FusedMultiplyAdd(x, b0, cA0); cA1 = Vector512.FusedMultiplyAdd(x, b1, cA1);
            x = Vector512.Create(a[11]); cB0 = Vector512.FusedMultiplyAdd(x, b0, cB0); cB1 = Vector512.FusedMultiplyAdd(x, b1, cB1);
            x = Vector512.Create(a[12]); cC0 = Vector512.FusedMultiplyAdd(x, b0, cC0); cC1 = Vector512.FusedMultiplyAdd(x, b1, cC1);
        }
        Store(c, c00, c01, acc); Store(c + ldc, c10, c11, acc); Store(c + 2 * ldc, c20, c21, acc);
        Store(c + 3 * ldc, c30, c31, acc); Store(c + 4 * ldc, c40, c41, acc); Store(c + 5 * ldc, c50, c51, acc);
        Store(c + 6 * ldc, c60, c61, acc); Store(c + 7 * ldc, c70, c71, acc); Store(c + 8 * ldc, c80, c81, acc);
        Store(c + 9 * ldc, c90, c91, acc); Store(c + 10 * ldc, cA0, cA1, acc); Store(c + 11 * ldc, cB0, cB1, acc);
        Store(c + 12 * ldc, cC0, cC1, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> lo, Vector512<float> hi, bool acc)
    {
        if (acc) { lo += Vector512.Load(c); hi += Vector512.Load(c + 16); }
        Vector512.Store(lo, c);
        Vector512.Store(hi, c + 16);
    }
}
