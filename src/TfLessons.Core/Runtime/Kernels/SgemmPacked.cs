using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// An MR x NR register-tile microkernel for <see cref="SgemmPacked{TTile}"/>: C[MR,NR] (+)= A_packed @ B, where the A
/// sliver is packed as a[q*MR + r] and B rows are NR floats ldb apart (packed: ldb = NR; in place: ldb = n).
/// </summary>
internal unsafe interface ISgemmTile
{
    static abstract int MR { get; }
    static abstract int NR { get; }
    static abstract bool IsSupported { get; }
    static abstract void Kernel(float* a, float* b, long ldb, int kb, float* c, long ldc, bool acc);
}

/// <summary>
/// Width-agnostic single-precision GEMM driver (GotoBLAS/BLIS layout, the loop order of <see cref="Sgemm512"/>):
/// k in KC blocks, n in NC blocks (the packed B block stays in L2), m in MR-row slivers (the packed A sliver stays
/// in L1 while every NR-column B sliver streams past it), then the tile's microkernel. Each C element is summed in
/// one fixed order (k blocks in turn, each in k order) by exactly one thread: the same bits for any thread count.
/// </summary>
internal static unsafe class SgemmPacked<TTile> where TTile : struct, ISgemmTile
{
    private const int KcMax = 256;            // A sliver MR*256*4 = 6 KB (MR = 6): a small part of any L1d
    private const int BBlockFloats = 48 * 1024; // packed B block <= 192 KB: inside the 256 KB L2 of the smallest AVX2 cores

    private static int MR => TTile.MR;
    private static int NR => TTile.NR;

    /// <summary>m*n*k below this runs on one thread (waking a pool thread costs ~10 us).</summary>
    internal static long ParallelFlops { get; set; } = 1L << 22;

    /// <summary>Threads used for large products (1 or 2). Results do not depend on it.</summary>
    internal static int MaxThreads { get; set; } = Team.Threads;

    [ThreadStatic] private static float[]? t_buffer;
    [ThreadStatic] private static Split? t_split;

    public static void Multiply(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        if (!TTile.IsSupported) throw new PlatformNotSupportedException($"{typeof(TTile).Name} is not supported by this CPU or runtime.");
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
            throw new ArgumentException($"a ({a.Length}), b ({b.Length}) or c ({c.Length}) is shorter than [{m},{k}] x [{k},{n}] implies.");
        if (m == 0 || n == 0) return;
        if (k == 0) { c[..(m * n)].Clear(); return; }
        fixed (float* pa = a, pb = b, pc = c)
        {
            // Narrow C (e.g. n = 10 logits) wastes most of an NR-wide tile: compute C^T = op(B)^T op(A)^T instead,
            // writing the tiles transposed. Same products summed in the same order, so the same bits.
            bool swap = Padded(n, m) * 4 < Padded(m, n) * 3;
            var p = swap ? new Problem(pb, pa, pc, n, m, k, !tb, !ta, true) : new Problem(pa, pb, pc, m, n, k, ta, tb, false);
            int tilesM = (p.M + MR - 1) / MR, tilesN = (p.N + NR - 1) / NR;
            float[] buffer = t_buffer ??= NewBuffer();
            if (MaxThreads < 2 || (long)m * n * k < ParallelFlops || (tilesM < 2 && tilesN < 2))
            {
                Compute(in p, 0, p.M, 0, p.N, buffer);
                return;
            }
            // Two halves along whole tiles of the dimension that splits more evenly (ties: n when B is packed,
            // so each thread packs only its half of B; m when B is read in place).
            double evenM = tilesM < 2 ? 0 : tilesM / 2 / (double)((tilesM + 1) / 2), evenN = tilesN < 2 ? 0 : tilesN / 2 / (double)((tilesN + 1) / 2);
            bool splitN = evenN > evenM || (evenN == evenM && !InPlace(in p));
            Split split = t_split ??= new Split();
            split.Set(in p, splitN);
            Team.Run(split, 2);
        }
    }

    private static long Padded(int m, int n) => (long)((m + MR - 1) / MR * MR) * ((n + NR - 1) / NR * NR);

    /// <summary>B [k,n] full slivers are read in place unless the row stride is a multiple of 1 KB (cache set conflicts).</summary>
    private static bool InPlace(in Problem p) => !p.TB && (p.N < 256 || p.N % 256 != 0);

    private static float[] NewBuffer() => GC.AllocateUninitializedArray<float>(TTile.MR * KcMax + BBlockFloats + 32, pinned: true);

    private readonly struct Problem(float* a, float* b, float* c, int m, int n, int k, bool ta, bool tb, bool tc)
    {
        public readonly float* A = a, B = b, C = c;
        public readonly int M = m, N = n, K = k;
        public readonly bool TA = ta, TB = tb, TC = tc;
    }

    /// <summary>A product cut in two halves for <see cref="Team"/>; see <see cref="Sgemm512"/>'s Split.</summary>
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compute(in Problem p, int m0, int m1, int n0, int n1, float[] buffer)
    {
        float* aPack = (float*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + 63) & ~(nint)63);
        float* bPack = aPack + MR * KcMax + 16; // slack: transposing packs store up to 2 floats past the A sliver
        int k = p.K, n = p.N;
        int blocks = (k + KcMax - 1) / KcMax;
        int kc = Math.Min(k, ((k + blocks - 1) / blocks + 7) & ~7);
        int ncMax = Math.Max(1, BBlockFloats / (kc * NR)) * NR;
        bool inPlace = InPlace(in p);
        for (int p0 = 0; p0 < k; p0 += kc)
        {
            int kb = Math.Min(kc, k - p0);
            bool acc = p0 > 0; // the first k block overwrites C, later ones add to it in order
            for (int j0 = n0; j0 < n1; j0 += ncMax)
            {
                int nb = Math.Min(ncMax, n1 - j0), nFull = inPlace ? nb / NR * NR : 0;
                PackB(in p, p0, kb, j0 + nFull, nb - nFull, bPack);
                for (int i0 = m0; i0 < m1; i0 += MR)
                {
                    int mr = Math.Min(MR, m1 - i0);
                    PackA(in p, p0, kb, i0, mr, aPack);
                    for (int jj = 0; jj < nb; jj += NR)
                    {
                        int nr = Math.Min(NR, nb - jj);
                        bool direct = jj < nFull;
                        float* bs = direct ? p.B + (long)p0 * n + j0 + jj : bPack + (long)(jj - nFull) / NR * kb * NR;
                        long ldb = direct ? n : NR;
                        if (p.TC) Edge(aPack, bs, ldb, kb, p.C + (long)(j0 + jj) * p.M + i0, p.M, mr, nr, acc, true);
                        else if (mr == MR && nr == NR) TTile.Kernel(aPack, bs, ldb, kb, p.C + (long)i0 * n + j0 + jj, n, acc);
                        else Edge(aPack, bs, ldb, kb, p.C + (long)i0 * n + j0 + jj, n, mr, nr, acc, false);
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[i0..i0+mr, p0..p0+kb] as dst[q*MR + r], rows past mr zeroed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(in Problem p, int p0, int kb, int i0, int mr, float* dst)
    {
        int mrFull = MR;
        if (p.TA)
        {
            float* src = p.A + (long)p0 * p.M + i0;
            for (int q = 0; q < kb; q++, src += p.M, dst += mrFull)
                for (int r = 0; r < mrFull; r++) dst[r] = r < mr ? src[r] : 0f;
            return;
        }
        int q0 = Transposes.Pack(p.A + (long)i0 * p.K + p0, p.K, mr, kb, dst, mrFull);
        // The kb tail: one sequential read stream per row, scattered MR apart.
        for (int r = 0; r < mrFull; r++)
        {
            float* src = p.A + (long)(i0 + r) * p.K + p0, d = dst + r;
            if (r < mr) for (int q = q0; q < kb; q++) d[q * mrFull] = src[q];
            else for (int q = q0; q < kb; q++) d[q * mrFull] = 0f;
        }
    }

    /// <summary>Packs op(B)[p0..p0+kb, j0..j0+nb] as NR-column slivers dst[s*kb*NR + q*NR + j], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(in Problem p, int p0, int kb, int j0, int nb, float* dst)
    {
        int nrFull = NR;
        for (int s = 0; s < nb; s += nrFull, dst += (long)kb * nrFull)
        {
            int nr = Math.Min(nrFull, nb - s);
            if (p.TB)
            {
                // B is [n,k]: register transposes of the rows, then the kb tail (writes sequential, NR read streams).
                float* src = p.B + (long)(j0 + s) * p.K + p0;
                for (int q = Transposes.Pack(src, p.K, nr, kb, dst, nrFull); q < kb; q++)
                    for (int j = 0; j < nrFull; j++) dst[q * nrFull + j] = j < nr ? src[j * (long)p.K + q] : 0f;
                continue;
            }
            float* row = p.B + (long)p0 * p.N + j0 + s;
            for (int q = 0; q < kb; q++, row += p.N)
            {
                float* d = dst + q * nrFull;
                if (nr == nrFull) Buffer.MemoryCopy(row, d, nrFull * sizeof(float), nrFull * sizeof(float));
                else for (int j = 0; j < nrFull; j++) d[j] = j < nr ? row[j] : 0f;
            }
        }
    }

    /// <summary>Partial or transposed tile: the full kernel into a scratch tile, then the valid part copied or added.</summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Edge(float* a, float* b, long ldb, int kb, float* c, long ldc, int mr, int nr, bool acc, bool transposed)
    {
        int nrFull = NR;
        float* t = stackalloc float[64 * 32];
        TTile.Kernel(a, b, ldb, kb, t, nrFull, false);
        for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++)
            {
                float* dst = transposed ? c + j * ldc + i : c + i * ldc + j;
                *dst = acc ? *dst + t[i * nrFull + j] : t[i * nrFull + j];
            }
    }
}

/// <summary>
/// Transposing packs for <see cref="SgemmPacked{TTile}"/>: dst[q*ds + r] = src[r*ld + q] for r &lt; rows (zero for
/// rows..ds-1), q below the returned multiple of the vector width (the caller does the tail). 8x8 register
/// transposes with AVX, 4x4 with SSE; nothing (all tail) elsewhere. Row groups are written last to first, each store
/// a full vector: a group's spill into the next k step (ds not a multiple of the width) is overwritten by that step's
/// lower group, and the last step may spill up to width - 2 floats past the end (the buffers leave slack).
/// </summary>
internal static unsafe class Transposes
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Pack(float* src, long ld, int rows, int kb, float* dst, int ds)
    {
        if (Avx.IsSupported)
        {
            int end = kb & ~7;
            for (int g = (ds - 1) & ~7; g >= 0; g -= 8)
                for (int q0 = 0; q0 < end; q0 += 8) Transpose8(src + g * ld + q0, ld, rows - g, dst + q0 * ds + g, ds);
            return end;
        }
        if (Sse.IsSupported)
        {
            int end = kb & ~3;
            for (int g = (ds - 1) & ~3; g >= 0; g -= 4)
                for (int q0 = 0; q0 < end; q0 += 4) Transpose4(src + g * ld + q0, ld, rows - g, dst + q0 * ds + g, ds);
            return end;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(float* src, long ld, int rows, float* dst, int ds)
    {
        Vector256<float> r0 = rows > 0 ? Avx.LoadVector256(src) : default, r1 = rows > 1 ? Avx.LoadVector256(src + ld) : default,
            r2 = rows > 2 ? Avx.LoadVector256(src + 2 * ld) : default, r3 = rows > 3 ? Avx.LoadVector256(src + 3 * ld) : default,
            r4 = rows > 4 ? Avx.LoadVector256(src + 4 * ld) : default, r5 = rows > 5 ? Avx.LoadVector256(src + 5 * ld) : default,
            r6 = rows > 6 ? Avx.LoadVector256(src + 6 * ld) : default, r7 = rows > 7 ? Avx.LoadVector256(src + 7 * ld) : default;
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ds, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ds, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ds, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ds, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ds, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ds, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ds, Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(float* src, long ld, int rows, float* dst, int ds)
    {
        Vector128<float> r0 = rows > 0 ? Sse.LoadVector128(src) : default, r1 = rows > 1 ? Sse.LoadVector128(src + ld) : default,
            r2 = rows > 2 ? Sse.LoadVector128(src + 2 * ld) : default, r3 = rows > 3 ? Sse.LoadVector128(src + 3 * ld) : default;
        var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackHigh(r0, r1);
        var t2 = Sse.UnpackLow(r2, r3); var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(dst + ds, Sse.MoveHighToLow(t2, t0));
        Sse.Store(dst + 2 * ds, Sse.MoveLowToHigh(t1, t3));
        Sse.Store(dst + 3 * ds, Sse.MoveHighToLow(t3, t1));
    }
}
