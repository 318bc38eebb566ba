using System.Numerics;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// Products over reduced axes and their exact gradient. Each reduced group's members (flat input indices, in order)
/// are computed once per plan; the gradient multiplies prefix and suffix products, so zeros need no division.
/// </summary>
internal sealed class ProdGroups
{
    public required int[][] Members { get; init; }

    public static ProdGroups Create(int[] shape, int[] axes)
    {
        int rank = shape.Length;
        var outStrides = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--)
        {
            bool reduced = Array.IndexOf(axes, a) >= 0;
            outStrides[a] = reduced ? 0 : s;
            if (!reduced) s *= shape[a];
        }
        var lists = new List<int>[s];
        for (int o = 0; o < s; o++) lists[o] = [];
        int size = NDArray.ShapeSize(shape);
        var index = new int[rank];
        for (int i = 0; i < size; i++)
        {
            int o = 0;
            for (int a = 0; a < rank; a++) o += index[a] * outStrides[a];
            lists[o].Add(i);
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) break;
                index[a] = 0;
            }
        }
        return new ProdGroups { Members = lists.Select(l => l.ToArray()).ToArray() };
    }

    public void Prod<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int o = 0; o < Members.Length; o++)
        {
            T p = T.One;
            foreach (int i in Members[o]) p = unchecked(p * x[i]);
            d[o] = p;
        }
    }

    public void ProdGrad<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int o = 0; o < Members.Length; o++)
        {
            int[] m = Members[o];
            T prefix = T.One;
            for (int k = 0; k < m.Length; k++)
            {
                d[m[k]] = prefix;
                prefix *= x[m[k]];
            }
            T suffix = T.One;
            for (int k = m.Length - 1; k >= 0; k--)
            {
                d[m[k]] *= suffix * dy[o];
                suffix *= x[m[k]];
            }
        }
    }
}
