using System.Numerics;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// Block copies for stacking, concatenation, splitting and gathering, on any dtype (Array.Copy on the backing
/// arrays): the data is viewed as [outer, axis, inner] and whole inner runs move at once.
/// </summary>
internal static class JoinKernels
{
    /// <summary>Product of <paramref name="shape"/>[from..to).</summary>
    public static int Span(int[] shape, int from, int to)
    {
        int p = 1;
        for (int a = from; a < to; a++) p *= shape[a];
        return p;
    }

    /// <summary>Copies each part [outer, sizes[k]] into its column range of d [outer, sum(sizes)] (Pack and ConcatV2).</summary>
    public static void Join(NDArray?[] values, int[] slots, int[] sizes, int outer, NDArray d)
    {
        int total = sizes.Sum();
        int offset = 0;
        for (int k = 0; k < slots.Length; k++)
        {
            Array src = values[slots[k]]!.Data;
            int n = sizes[k];
            for (int o = 0; o < outer; o++) Array.Copy(src, o * n, d.Data, o * total + offset, n);
            offset += n;
        }
    }

    /// <summary>The inverse of <see cref="Join"/> (Unpack and the concatenation gradient).</summary>
    public static void Split(NDArray x, int[] sizes, int outer, NDArray[] parts)
    {
        int total = sizes.Sum();
        int offset = 0;
        for (int k = 0; k < parts.Length; k++)
        {
            int n = sizes[k];
            for (int o = 0; o < outer; o++) Array.Copy(x.Data, o * total + offset, parts[k].Data, o * n, n);
            offset += n;
        }
    }

    /// <summary>params viewed as [outer, n, inner]: d[o, j, :] = params[o, indices[j], :], indices range-checked.</summary>
    public static void Gather(NDArray parameters, NDArray indices, int outer, int n, int inner, NDArray d, string opName)
    {
        int k = indices.Size;
        for (int j = 0; j < k; j++)
        {
            long index = (long)indices.GetDouble(j);
            if (index < 0 || index >= n)
                throw new InvalidArgumentError($"indices[{j}] = {index} is not in [0, {n}) (op GatherV2 '{opName}')");
            for (int o = 0; o < outer; o++) Array.Copy(parameters.Data, (o * n + index) * inner, d.Data, (o * k + j) * inner, inner);
        }
    }

    /// <summary>The gather gradient: dy [outer, k, inner] scatter-added into zeros [outer, n, inner].</summary>
    public static void GatherGrad<T>(ReadOnlySpan<T> dy, NDArray indices, int outer, int n, int inner, Span<T> d) where T : unmanaged, INumber<T>
    {
        d.Clear();
        int k = indices.Size;
        for (int j = 0; j < k; j++)
        {
            long index = (long)indices.GetDouble(j);
            if (index < 0 || index >= n) throw new InvalidArgumentError($"indices[{j}] = {index} is not in [0, {n}) (gather gradient)");
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<T> src = dy.Slice((o * k + j) * inner, inner);
                Span<T> dst = d.Slice((int)((o * n + index) * inner), inner);
                for (int i = 0; i < inner; i++) dst[i] += src[i];
            }
        }
    }

    /// <summary>The flat input index of every element of x tiled by <paramref name="multiples"/>.</summary>
    public static int[] TileSources(int[] shape, int[] multiples)
    {
        int rank = shape.Length;
        int[] outShape = shape.Select((s, a) => s * multiples[a]).ToArray();
        int[] strides = BroadcastLayout.Strides(shape);
        var sources = new int[NDArray.ShapeSize(outShape)];
        var index = new int[rank];
        for (int i = 0; i < sources.Length; i++)
        {
            int flat = 0;
            for (int a = 0; a < rank; a++) flat += index[a] % shape[a] * strides[a];
            sources[i] = flat;
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < outShape[a]) break;
                index[a] = 0;
            }
        }
        return sources;
    }

    /// <summary>The tile gradient: every tiled copy of dy summed back into x's shape.</summary>
    public static void TileGrad<T>(ReadOnlySpan<T> dy, int[] sources, Span<T> d) where T : unmanaged, INumber<T>
    {
        d.Clear();
        for (int i = 0; i < sources.Length; i++) d[sources[i]] += dy[i];
    }
}
