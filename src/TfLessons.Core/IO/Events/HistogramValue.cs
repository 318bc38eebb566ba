namespace TfLessons.IO.Events;

/// <summary>
/// A TensorBoard histogram (<c>HistogramProto</c>). <see cref="BucketLimits"/>[i] is the right edge of
/// bucket i and <see cref="Buckets"/>[i] its count; the left edge of bucket 0 is <see cref="Min"/>.
/// </summary>
/// <param name="Min">Smallest value (field 1).</param>
/// <param name="Max">Largest value (field 2).</param>
/// <param name="Num">Number of values (field 3).</param>
/// <param name="Sum">Sum of values (field 4).</param>
/// <param name="SumSquares">Sum of squared values (field 5).</param>
/// <param name="BucketLimits">Right bucket edges (field 6, packed doubles).</param>
/// <param name="Buckets">Bucket counts (field 7, packed doubles).</param>
public sealed record HistogramValue(
    double Min, double Max, double Num, double Sum, double SumSquares, double[] BucketLimits, double[] Buckets)
{
    private static readonly double[] DefaultLimits = BuildDefaultLimits();

    /// <summary>
    /// TensorFlow's default bucket edges (tensorflow/core/lib/histogram/histogram.cc,
    /// <c>InitDefaultBucketsInner</c>): 1e-12 growing by ×1.1 while below 1e20, then DBL_MAX; mirrored
    /// for negatives, with 0 in the middle. Computed with the same repeated multiplication as the C++ code
    /// so the doubles are bit-identical to the edges in TF's event files.
    /// </summary>
    public static IReadOnlyList<double> DefaultBucketLimits => DefaultLimits;

    /// <summary>
    /// Builds a histogram exactly like TF1's <c>tf.summary.histogram</c> op: values go into the default
    /// buckets (bucket i holds <c>limits[i-1] &lt;= v &lt; limits[i]</c>), then each run of empty buckets is
    /// collapsed into one zero bucket ending at the run's last edge (<c>EncodeToProto</c> with
    /// <c>preserve_zero_buckets = false</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite (TF rejects those too).</exception>
    public static HistogramValue FromValues(ReadOnlySpan<double> values)
    {
        double[] limits = DefaultLimits;
        var counts = new double[limits.Length];
        // Histogram::Clear(): min starts at the largest limit, max at -DBL_MAX.
        double min = limits[^1], max = -double.MaxValue, sum = 0, sumSquares = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException(
                    $"{(double.IsNaN(v) ? "NaN" : "Infinity")} in summary histogram values.",
                    nameof(values)
                );
            }
            counts[Math.Min(UpperBound(limits, v), limits.Length - 1)] += 1;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            sumSquares += v * v;
        }

        var outLimits = new List<double>();
        var outCounts = new List<double>();
        for (int i = 0; i < counts.Length;)
        {
            double end = limits[i];
            double count = counts[i];
            i++;
            if (count <= 0)
            {
                while (i < counts.Length && counts[i] <= 0)
                {
                    end = limits[i];
                    count = counts[i];
                    i++;
                }
            }
            outLimits.Add(end);
            outCounts.Add(count);
        }
        return new HistogramValue(min, max, values.Length, sum, sumSquares, outLimits.ToArray(), outCounts.ToArray());
    }

    // std::upper_bound: index of the first limit strictly greater than value.
    private static int UpperBound(double[] limits, double value)
    {
        int lo = 0, hi = limits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (limits[mid] > value) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static double[] BuildDefaultLimits()
    {
        var positive = new List<double>();
        double v = 1.0e-12;
        while (v < 1.0e20)
        {
            positive.Add(v);
            v *= 1.1;
        }
        positive.Add(double.MaxValue);
        var all = new List<double>(positive.Count * 2 + 1);
        for (int i = positive.Count - 1; i >= 0; i--)
        {
            all.Add(-positive[i]);
        }
        all.Add(0.0);
        all.AddRange(positive);
        return all.ToArray();
    }
}
