using System.Numerics;

namespace TfLessons.Runtime.Kernels;

/// <summary>Row-wise softmax and log-softmax over the last axis, stabilized by subtracting each row's maximum.</summary>
internal static class Softmax
{
    public static void Rows<T>(ReadOnlySpan<T> x, Span<T> y, int classes, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (classes == 0) return;
        for (int r = 0; r < x.Length / classes; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * classes, classes);
            Span<T> yr = y.Slice(r * classes, classes);
            T max = xr[0];
            for (int j = 1; j < classes; j++) if (xr[j] > max) max = xr[j];
            T sum = T.Zero;
            for (int j = 0; j < classes; j++)
            {
                T shifted = xr[j] - max;
                T e = T.Exp(shifted);
                sum += e;
                yr[j] = log ? shifted : e;
            }
            if (log)
            {
                T logSum = T.Log(sum);
                for (int j = 0; j < classes; j++) yr[j] -= logSum;
            }
            else
            {
                // TensorFlow multiplies by the reciprocal of the sum (Eigen's inverse()), not divides: same float32 digits.
                T inverse = T.One / sum;
                for (int j = 0; j < classes; j++) yr[j] *= inverse;
            }
        }
    }

    /// <summary>
    /// Fused softmax cross-entropy per row: loss = -sum(labels * log_softmax(logits)) and backprop = softmax(logits) - labels.
    /// </summary>
    public static void CrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> labels, Span<T> loss, Span<T> backprop, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Rows(logits, backprop, classes, log: true);
        for (int r = 0; r < loss.Length; r++)
        {
            T l = T.Zero;
            for (int j = 0; j < classes; j++)
            {
                int k = r * classes + j;
                T logP = backprop[k];
                if (labels[k] != T.Zero) l -= labels[k] * logP;
                backprop[k] = T.Exp(logP) - labels[k];
            }
            loss[r] = l;
        }
    }
}
