using TfLessons.Kernels;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// The hand-vectorized Relu, ReluGrad, GradientDescent and Adam loops at each vector width give the same bits as the
/// scalar loop (no fused multiply-add at any width). Lengths cover full vectors of every width plus ragged tails;
/// inputs include NaN, signed zeros and infinities. A width the CPU does not accelerate is skipped.
/// </summary>
[Collection(nameof(SimdWidthTests))] // SimdWidth.MaxBits is process-wide: these tests do not run in parallel with each other
public class SimdWidthTests
{
    private static readonly int[] Lengths = [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 64, 101];

    private static T[] Sample<T>(System.Random r, int n, Func<double, T> cast, bool special)
    {
        var x = new T[n];
        for (int i = 0; i < n; i++) x[i] = cast(r.NextDouble() * 4 - 2);
        if (special && n > 5)
        {
            x[1] = cast(double.NaN);
            x[2] = cast(-0.0);
            x[3] = cast(0.0);
            x[4] = cast(double.NegativeInfinity);
            x[5] = cast(double.PositiveInfinity);
        }
        return x;
    }

    private static T[] At<T>(int bits, Func<T[]> run)
    {
        int saved = SimdWidth.MaxBits;
        try
        {
            SimdWidth.MaxBits = bits;
            return run();
        }
        finally { SimdWidth.MaxBits = saved; }
    }

    private static void AssertSameBits(float[] scalar, float[] vector, string what) =>
        Assert.True(scalar.Select(BitConverter.SingleToInt32Bits).SequenceEqual(vector.Select(BitConverter.SingleToInt32Bits)), $"{what}: vector loop differs from the scalar loop");

    private static void AssertSameBits(double[] scalar, double[] vector, string what) =>
        Assert.True(scalar.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(vector.Select(BitConverter.DoubleToInt64Bits)), $"{what}: vector loop differs from the scalar loop");

    [SimdWidthFact(512)]
    public void Vector512_loops_match_the_scalar_loops() => CheckAll(512);

    [SimdWidthFact(256)]
    public void Vector256_loops_match_the_scalar_loops() => CheckAll(256);

    [SimdWidthFact(128)]
    public void Vector128_loops_match_the_scalar_loops() => CheckAll(128);

    private static void CheckAll(int bits)
    {
        foreach (int n in Lengths)
        {
            var r = new System.Random(n);
            float[] x = Sample(r, n, v => (float)v, true), dy = Sample(r, n, v => (float)v, true);
            double[] x64 = Sample(r, n, v => v, true), dy64 = Sample(r, n, v => v, true);
            float[] Relu() { var d = new float[n]; ReluOperator<float>.Invoke(x, d); return d; }
            float[] Grad() { var d = new float[n]; ReluGradOperator<float>.Invoke(dy, x, d); return d; }
            double[] Relu64() { var d = new double[n]; ReluOperator<double>.Invoke(x64, d); return d; }
            double[] Grad64() { var d = new double[n]; ReluGradOperator<double>.Invoke(dy64, x64, d); return d; }
            AssertSameBits(At(0, Relu), At(bits, Relu), $"Relu float32 n={n} width={bits}");
            AssertSameBits(At(0, Grad), At(bits, Grad), $"ReluGrad float32 n={n} width={bits}");
            AssertSameBits(At(0, Relu64), At(bits, Relu64), $"Relu float64 n={n} width={bits}");
            AssertSameBits(At(0, Grad64), At(bits, Grad64), $"ReluGrad float64 n={n} width={bits}");

            float[] w = Sample(r, n, v => (float)v, false), g = Sample(r, n, v => (float)v, false);
            float[] Sgd() { var v = (float[])w.Clone(); Updates.GradientDescent(v, 0.01f, g); return v; }
            AssertSameBits(At(0, Sgd), At(bits, Sgd), $"GradientDescent float32 n={n} width={bits}");
            double[] w64 = Sample(r, n, v => v, false), g64 = Sample(r, n, v => v, false);
            double[] Sgd64() { var v = (double[])w64.Clone(); Updates.GradientDescent(v, 0.01, g64); return v; }
            AssertSameBits(At(0, Sgd64), At(bits, Sgd64), $"GradientDescent float64 n={n} width={bits}");

            float[] m0 = Sample(r, n, v => (float)v * 0.1f, false), v0 = Sample(r, n, v => (float)(v * v) * 0.01f, false);
            float[][] Adam()
            {
                float[] v = (float[])w.Clone(), m = (float[])m0.Clone(), s = (float[])v0.Clone();
                for (int step = 0; step < 3; step++) Updates.Adam<float>(v, m, s, 0.9f, 0.999f, 1e-3f, 0.9f, 0.999f, 1e-7f, g);
                return [v, m, s];
            }
            float[][] scalar = At(0, Adam), vector = At(bits, Adam);
            for (int i = 0; i < 3; i++) AssertSameBits(scalar[i], vector[i], $"Adam float32 slot {i} n={n} width={bits}");
            double[][] Adam64()
            {
                double[] v = (double[])w64.Clone(), m = m0.Select(x => (double)x).ToArray(), s = v0.Select(x => (double)x).ToArray();
                for (int step = 0; step < 3; step++) Updates.Adam<double>(v, m, s, 0.9, 0.999, 1e-3, 0.9, 0.999, 1e-8, g64);
                return [v, m, s];
            }
            double[][] scalar64 = At(0, Adam64), vector64 = At(bits, Adam64);
            for (int i = 0; i < 3; i++) AssertSameBits(scalar64[i], vector64[i], $"Adam float64 slot {i} n={n} width={bits}");
        }
    }
}
