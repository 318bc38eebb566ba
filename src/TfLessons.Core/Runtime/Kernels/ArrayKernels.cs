namespace TfLessons.Runtime.Kernels;

/// <summary>Copies and conversions between layouts and dtypes.</summary>
internal static class ArrayKernels
{
    public static NDArray Transpose(NDArray x, int[] perm)
    {
        var result = new NDArray(x.DType, perm.Select(p => x.RawShape[p]).ToArray());
        TransposeInto(x, perm, result);
        return result;
    }

    public static void TransposeInto(NDArray x, int[] perm, NDArray d)
    {
        switch (x.DType)
        {
            case DType.Float32: Permute(x.Span<float>(), x.RawShape, perm, d.Span<float>()); break;
            case DType.Float64: Permute(x.Span<double>(), x.RawShape, perm, d.Span<double>()); break;
            case DType.Int32: Permute(x.Span<int>(), x.RawShape, perm, d.Span<int>()); break;
            case DType.Int64: Permute(x.Span<long>(), x.RawShape, perm, d.Span<long>()); break;
            case DType.Int16: Permute(x.Span<short>(), x.RawShape, perm, d.Span<short>()); break;
            // One-byte elements (bool, uint8) move as bools: only their bytes matter.
            case DType.Bool or DType.UInt8: Permute(x.Span<bool>(), x.RawShape, perm, d.Span<bool>()); break;
            default: throw new NotSupportedException($"Transpose: no kernel for dtype {x.DType.Name()}");
        }
    }

    private static void Permute<T>(ReadOnlySpan<T> x, int[] shape, int[] perm, Span<T> d)
    {
        int rank = shape.Length;
        if (rank == 2 && perm[0] == 1)
        {
            // Blocked 2-D transpose keeps both sides cache-resident.
            int rows = shape[0], cols = shape[1];
            const int B = 32;
            for (int i0 = 0; i0 < rows; i0 += B)
                for (int j0 = 0; j0 < cols; j0 += B)
                    for (int i = i0; i < Math.Min(i0 + B, rows); i++)
                        for (int j = j0; j < Math.Min(j0 + B, cols); j++)
                            d[j * rows + i] = x[i * cols + j];
            return;
        }
        int[] source = PermutedIndices(shape, perm);
        GatherTyped(x, source, d);
    }

    /// <summary>For each output position of the permuted array, the flat index of its source element.</summary>
    public static int[] PermutedIndices(int[] shape, int[] perm)
    {
        int[] inStrides = BroadcastLayout.Strides(shape);
        int[] outShape = perm.Select(p => shape[p]).ToArray();
        var source = new int[NDArray.ShapeSize(outShape)];
        var counter = new int[perm.Length];
        for (int o = 0; o < source.Length; o++)
        {
            int src = 0;
            for (int a = 0; a < perm.Length; a++) src += counter[a] * inStrides[perm[a]];
            source[o] = src;
            for (int a = perm.Length - 1; a >= 0; a--)
            {
                if (++counter[a] < outShape[a]) break;
                counter[a] = 0;
            }
        }
        return source;
    }

    public static void Gather(NDArray x, int[] source, NDArray d)
    {
        switch (x.DType)
        {
            case DType.Float32: GatherTyped(x.Span<float>(), source, d.Span<float>()); break;
            case DType.Float64: GatherTyped(x.Span<double>(), source, d.Span<double>()); break;
            case DType.Int32: GatherTyped(x.Span<int>(), source, d.Span<int>()); break;
            case DType.Int64: GatherTyped(x.Span<long>(), source, d.Span<long>()); break;
            case DType.Int16: GatherTyped(x.Span<short>(), source, d.Span<short>()); break;
            case DType.Bool or DType.UInt8: GatherTyped(x.Span<bool>(), source, d.Span<bool>()); break;
            default: throw new NotSupportedException($"Gather: no kernel for dtype {x.DType.Name()}");
        }
    }

    private static void GatherTyped<T>(ReadOnlySpan<T> x, int[] source, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[source[i]];
    }

    /// <summary>Element conversion with C semantics (truncation toward zero for float to int), as TensorFlow's Cast.</summary>
    public static void Cast(NDArray x, NDArray d)
    {
        if (x.DType == d.DType) { Array.Copy(x.Data, d.Data, x.Size); return; }
        if (x.DType == DType.Float64 && d.DType == DType.Float32)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>(x.Span<double>(), d.Span<float>());
            return;
        }
        if (x.DType == DType.Float32 && d.DType == DType.Float64)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<float, double>(x.Span<float>(), d.Span<double>());
            return;
        }
        int n = x.Size;
        for (int i = 0; i < n; i++) d.SetDouble(i, x.GetDouble(i));
    }
}
