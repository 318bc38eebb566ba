using System.Numerics;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// Batched products with broadcast batch dimensions (BatchMatMulV2): each output matrix picks its operands' matrices
/// through broadcasting, computed once per plan; float types go through <see cref="Gemm"/>, integers a plain loop.
/// </summary>
internal sealed class BatchLayout
{
    public required int M, N, K;
    public required bool Ta, Tb;
    public required int[] XIndex, YIndex;

    public static int[] BatchShape(int[] x, int[] y)
    {
        int[] bx = x[..^2], by = y[..^2];
        int rank = Math.Max(bx.Length, by.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int a = i < rank - bx.Length ? 1 : bx[i - rank + bx.Length];
            int b = i < rank - by.Length ? 1 : by[i - rank + by.Length];
            if (a != b && a != 1 && b != 1) throw new ArgumentException($"batch dimensions {Shape.Format(bx)} and {Shape.Format(by)} are not broadcastable");
            r[i] = a == 1 ? b : a;
        }
        return r;
    }

    public static BatchLayout Create(int[] x, int[] y, bool ta, bool tb)
    {
        int[] batch = BatchShape(x, y);
        int count = NDArray.ShapeSize(batch);
        var xi = new int[count];
        var yi = new int[count];
        int[] bx = BroadcastLayout.Pad(x[..^2], batch.Length), by = BroadcastLayout.Pad(y[..^2], batch.Length);
        var index = new int[batch.Length];
        for (int i = 0; i < count; i++)
        {
            int fx = 0, fy = 0;
            for (int a = 0; a < batch.Length; a++)
            {
                fx = fx * bx[a] + (bx[a] == 1 ? 0 : index[a]);
                fy = fy * by[a] + (by[a] == 1 ? 0 : index[a]);
            }
            xi[i] = fx;
            yi[i] = fy;
            for (int a = batch.Length - 1; a >= 0; a--)
            {
                if (++index[a] < batch[a]) break;
                index[a] = 0;
            }
        }
        return new BatchLayout
        {
            M = ta ? x[^1] : x[^2],
            K = ta ? x[^2] : x[^1],
            N = tb ? y[^2] : y[^1],
            Ta = ta,
            Tb = tb,
            XIndex = xi,
            YIndex = yi,
        };
    }

    public void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        int xs = M * K, ys = K * N, ds = M * N;
        for (int b = 0; b < XIndex.Length; b++)
        {
            ReadOnlySpan<T> a = x.Slice(XIndex[b] * xs, xs), c = y.Slice(YIndex[b] * ys, ys);
            Span<T> o = d.Slice(b * ds, ds);
            if (typeof(T) == typeof(float) || typeof(T) == typeof(double)) Gemm.Multiply(Ta, Tb, M, N, K, a, c, o);
            else IntegerProduct(Ta, Tb, M, N, K, a, c, o);
        }
    }

    /// <summary>A plain triple loop for integer products (wrapping on overflow, as TensorFlow's Eigen kernel).</summary>
    public static void IntegerProduct<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum = unchecked(sum + (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]));
                c[i * n + j] = sum;
            }
        }
    }
}
