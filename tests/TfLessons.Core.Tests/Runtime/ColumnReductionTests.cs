using System.Numerics.Tensors;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// Sums and means over a leading axis (the batch axis of batch norm and of bias gradients) keep NumPy's order: the
/// rows added one after another. The register-blocked kernel is checked bit for bit against adding whole rows, over
/// column counts with ragged tails at every vector width.
/// </summary>
[Collection(nameof(SimdWidthTests))] // sets the process-wide SimdWidth.MaxBits, as those tests do
public class ColumnReductionTests
{
    [Theory]
    [InlineData(128, 512)]
    [InlineData(3, 1)]
    [InlineData(7, 5)]
    [InlineData(33, 67)]
    [InlineData(2, 131)]
    public void Sum_and_mean_over_axis_0_add_rows_in_order(int rows, int cols)
    {
        var r = new System.Random(rows * 1000 + cols);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.Length; i++) x[i] = (float)((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-3, 4)));
        double[] x64 = x.Select(e => (double)e * 1.1).ToArray();
        float[] expected = x[..cols];
        double[] expected64 = x64[..cols];
        for (int i = 1; i < rows; i++)
        {
            TensorPrimitives.Add(expected, x.AsSpan(i * cols, cols), expected);
            TensorPrimitives.Add(expected64, x64.AsSpan(i * cols, cols), expected64);
        }
        var layout = ReduceLayout.Create([rows, cols], [0]);
        foreach (int bits in new[] { 512, 256, 128, 0 })
        {
            if (bits > SimdWidth.Hardware) continue;
            float[] sum = new float[cols], mean = new float[cols];
            double[] sum64 = new double[cols];
            int saved = SimdWidth.MaxBits;
            try
            {
                SimdWidth.MaxBits = bits;
                Reductions.Reduce<float, SumReduce>(layout, x, sum);
                Reductions.Reduce<float, MeanReduce>(layout, x, mean);
                Reductions.Reduce<double, SumReduce>(layout, x64, sum64);
            }
            finally { SimdWidth.MaxBits = saved; }
            Assert.True(sum.AsSpan().SequenceEqual(expected), $"sum at {bits} bits");
            Assert.True(sum64.AsSpan().SequenceEqual(expected64), $"float64 sum at {bits} bits");
            Assert.True(mean.AsSpan().SequenceEqual(expected.Select(e => e / rows).ToArray()), $"mean at {bits} bits");
        }
    }
}
