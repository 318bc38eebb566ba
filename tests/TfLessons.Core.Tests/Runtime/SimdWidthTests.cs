using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;
using TfLessons.Tests.Ops;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// Every vector width of the kernel layer's drivers gives the same bits as the scalar loop (each operator is one
/// sequence of IEEE roundings, no fused multiply-add), and every width matches the reference kernels on the whole op
/// table. Lengths cover full vectors of every width plus ragged tails; inputs include NaN, signed zeros and
/// infinities. A width the CPU does not accelerate is reported as skipped, never passed.
/// </summary>
[Collection(nameof(SimdWidthTests))] // SimdWidth.MaxBits is process-wide: these tests do not run in parallel with each other
public class SimdWidthTests
{
    private static readonly int[] Lengths = [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 101];

    public static IEnumerable<object[]> WidthsAndRows() =>
        from w in new[] { 512, 256, 128, 0 } from row in OpTable.Cases() select new object[] { w, row[0], row[1] };

    private static void SkipUnlessAccelerated(int bits) =>
        Skip.If(bits > SimdWidth.Hardware, $"Vector{bits} is not hardware accelerated on this CPU/runtime (widest: {SimdWidth.Hardware} bits)");

    [SkippableTheory]
    [MemberData(nameof(WidthsAndRows))]
    public void Every_op_table_row_matches_the_reference_kernel_at_each_width(int bits, int row, string description)
    {
        SkipUnlessAccelerated(bits);
        At(bits, () => { OpTableTests.CheckForward(row, description); return 0; });
    }

    [SkippableTheory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(0)]
    public void Every_length_matches_the_reference_kernel_at_each_width(int bits)
    {
        SkipUnlessAccelerated(bits);
        foreach (int n in Enumerable.Range(0, 70).Append(101).Append(255)) At(bits, () => { OpTableTests.CheckLength(n); return 0; });
    }

    [SkippableTheory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void Vector_loops_match_the_scalar_loops(int bits)
    {
        SkipUnlessAccelerated(bits);
        Check<float>(bits, v => (float)v);
        Check<double>(bits, v => v);
        Check<int>(bits, v => (int)Math.Round(v * 50));
        Check<long>(bits, v => (long)Math.Round(v * 50));
    }

    [SkippableTheory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void Fused_updates_match_the_scalar_loop_at_each_width(int bits)
    {
        SkipUnlessAccelerated(bits);
        CheckUpdates<float>(bits, v => (float)v, [0.9f, 0.999f, 1e-3f, 0.9f, 0.999f, 1e-7f]);
        CheckUpdates<double>(bits, v => v, [0.9, 0.999, 1e-3, 0.9, 0.999, 1e-8]);
    }

    [Fact]
    public void Adam_in_float64_follows_TensorFlows_formula_elementwise()
    {
        double[] w = [0.5, -1.25, 2, 0, 3], m = [0.1, 0, -0.2, 0.3, 0], v = [0.01, 0.02, 0, 0.5, 1], g = [0.3, -0.7, 1.5, 0, -2];
        double[] expectedW = (double[])w.Clone(), expectedM = (double[])m.Clone(), expectedV = (double[])v.Clone();
        double lrT = 1e-3 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        for (int i = 0; i < w.Length; i++)
        {
            expectedM[i] += (g[i] - expectedM[i]) * (1 - 0.9);
            expectedV[i] += (g[i] * g[i] - expectedV[i]) * (1 - 0.999);
            expectedW[i] -= lrT * expectedM[i] / (Math.Sqrt(expectedV[i]) + 1e-8);
        }
        Span<double> h = stackalloc double[4];
        AdamOp.Prepare<double>([0.9, 0.999, 1e-3, 0.9, 0.999, 1e-8], h);
        Drive.Update<double, AdamOp>(w, m, v, g, h);
        Assert.Equal(expectedW, w);
        Assert.Equal(expectedM, m);
        Assert.Equal(expectedV, v);
    }

    private static T[] Sample<T>(System.Random r, int n, Func<double, T> cast, bool special)
    {
        var x = new T[n];
        for (int i = 0; i < n; i++) x[i] = cast(r.NextDouble() * 4 - 2);
        if (special && n > 5 && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            x[1] = cast(double.NaN);
            x[2] = cast(-0.0);
            x[3] = cast(0.0);
            x[4] = cast(double.NegativeInfinity);
            x[5] = cast(double.PositiveInfinity);
        }
        return x;
    }

    private static TR At<TR>(int bits, Func<TR> run)
    {
        int saved = SimdWidth.MaxBits;
        try
        {
            SimdWidth.MaxBits = bits;
            return run();
        }
        finally { SimdWidth.MaxBits = saved; }
    }

    private static void AssertSameBits<T>(T[] scalar, T[] vector, string what) where T : unmanaged
    {
        ReadOnlySpan<byte> a = System.Runtime.InteropServices.MemoryMarshal.AsBytes(scalar.AsSpan()), b = System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan());
        Assert.True(a.SequenceEqual(b), $"{what}: vector loop differs from the scalar loop");
    }

    private static T[] RunUnary<T, TOp>(T[] x) where T : unmanaged, IBinaryNumber<T> where TOp : IUnaryOp
    {
        var d = new T[x.Length];
        Drive.Unary<T, TOp>(x, d);
        return d;
    }

    private static T[] RunBinary<T, TOp>(T[] x, T[] y, int mode) where T : unmanaged, IBinaryNumber<T> where TOp : IBinaryOp
    {
        var d = new T[x.Length];
        if (mode == 0) Drive.Binary<T, TOp, Runs, Runs>(x, y, d);
        else if (mode == 1) Drive.Binary<T, TOp, Repeats, Runs>(x.AsSpan(0, Math.Min(1, x.Length)), y, d);
        else Drive.Binary<T, TOp, Runs, Repeats>(x, y.AsSpan(0, Math.Min(1, y.Length)), d);
        return d;
    }

    private static void Check<T>(int bits, Func<double, T> cast) where T : unmanaged, IBinaryNumber<T>
    {
        bool floating = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        foreach (int n in Lengths)
        {
            var r = new System.Random(n);
            T[] x = Sample(r, n, cast, true), y = Sample(r, n, cast, true);
            void Same(string what, Func<T[]> run) => AssertSameBits(At(0, run), At(bits, run), $"{what} {typeof(T).Name} n={n} width={bits}");
            Same("Abs", () => RunUnary<T, AbsOp>(x));
            Same("Sign", () => RunUnary<T, SignOp>(x));
            for (int mode = 0; mode < 3; mode++)
            {
                int k = mode;
                Same($"Add mode {k}", () => RunBinary<T, AddOp>(x, y, k));
                Same($"Sub mode {k}", () => RunBinary<T, SubOp>(x, y, k));
                Same($"Mul mode {k}", () => RunBinary<T, MulOp>(x, y, k));
                Same($"Maximum mode {k}", () => RunBinary<T, MaxOp>(x, y, k));
                Same($"Minimum mode {k}", () => RunBinary<T, MinOp>(x, y, k));
                if (floating) Same($"RealDiv mode {k}", () => RunBinary<T, DivOp>(x, y, k));
            }
            if (!floating) continue;
            Same("Neg", () => RunUnary<T, NegOp>(x));
            Same("Square", () => RunUnary<T, SquareOp>(x));
            Same("Sqrt", () => RunUnary<T, SqrtOp>(x));
            Same("Relu", () => RunUnary<T, ReluOp>(x));
            Same("ReluGrad", () => RunBinary<T, ReluGradOp>(y, x, 0));
            Same("SigmoidGrad", () => RunBinary<T, SigmoidGradOp>(x, y, 0));
            Same("TanhGrad", () => RunBinary<T, TanhGradOp>(x, y, 0));
            Same("SqrtGrad", () => RunBinary<T, SqrtGradOp>(x, y, 0));
        }
    }

    private static void CheckUpdates<T>(int bits, Func<double, T> cast, T[] adam) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (int n in Lengths)
        {
            var r = new System.Random(n);
            T[] w = Sample(r, n, cast, false), g = Sample(r, n, cast, false);
            T[] m0 = Sample(r, n, v => cast(v * 0.1), false), v0 = Sample(r, n, v => cast(v * v * 0.01), false);
            T[][] Run<TOp>(T[] scalars) where TOp : IUpdateOp
            {
                T[] var = (T[])w.Clone(), s0 = (T[])m0.Clone(), s1 = (T[])v0.Clone();
                var h = new T[4];
                TOp.Prepare<T>(scalars, h);
                for (int step = 0; step < 3; step++) Drive.Update<T, TOp>(var, TOp.Slots > 0 ? s0 : var, TOp.Slots > 1 ? s1 : var, g, h);
                return [var, s0, s1];
            }
            void Same(string what, Func<T[][]> run)
            {
                T[][] scalar = At(0, run), vector = At(bits, run);
                for (int i = 0; i < 3; i++) AssertSameBits(scalar[i], vector[i], $"{what} {typeof(T).Name} array {i} n={n} width={bits}");
            }
            Same("GradientDescent", () => Run<GradientDescentOp>([cast(0.01)]));
            Same("Momentum", () => Run<MomentumOp>([cast(0.01), cast(0.9)]));
            Same("NesterovMomentum", () => Run<NesterovMomentumOp>([cast(0.01), cast(0.9)]));
            Same("RMSProp", () => Run<RmsPropOp>([cast(0.01), cast(0.9), cast(0.5), cast(1e-7)]));
            Same("Adam", () => Run<AdamOp>(adam));
        }
    }
}
