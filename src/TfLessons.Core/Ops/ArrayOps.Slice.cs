using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

internal static partial class ArrayOps
{
    /// <summary>TensorFlow's StridedSlice without ellipsis and new-axis masks: enough for x[i], x[i][j], x[a:b].</summary>
    public static Tensor StridedSlice(Tensor x, int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrinkAxisMask, string? name = null)
    {
        if (begin.Length != end.Length || begin.Length != strides.Length)
            throw new ArgumentException($"StridedSlice: begin, end and strides must have the same length (got {begin.Length}, {end.Length}, {strides.Length})");
        if (strides.Contains(0)) throw new ArgumentException("StridedSlice: strides must be non-zero");
        if (!x.Shape.IsUnknownRank && begin.Length > x.Shape.Rank)
            throw new ArgumentException($"Index out of range using input dim {x.Shape.Rank}; input has only {x.Shape.Rank} dims ({x.Name} has shape {x.Shape})");
        return Build.One("StridedSlice", [x], x.DType, name ?? "strided_slice",
            new StridedSliceAttrs(begin, end, strides, beginMask, endMask, shrinkAxisMask));
    }

    /// <summary>
    /// StridedSlice's (and StridedSliceGrad's) slice: TensorFlow passes begin, end and strides as inputs and keeps
    /// the masks as attributes; ellipsis and new-axis masks are not supported (always 0).
    /// </summary>
    internal readonly record struct StridedSliceAttrs(
        int[] Begin, int[] End, int[] Strides, int BeginMask, int EndMask, int ShrinkAxisMask) : IOpAttrs
    {
        public static StridedSliceAttrs Of(Operation op) => new(op.Attr<int[]>("begin"), op.Attr<int[]>("end"),
            op.Attr<int[]>("strides"), op.Attr<int>("begin_mask"), op.Attr<int>("end_mask"),
            op.Attr<int>("shrink_axis_mask"));

        /// <summary>The engine form of TensorFlow's node: the slice from its inputs; masks left out are 0.</summary>
        public static StridedSliceAttrs FromTf(IReadOnlyDictionary<string, object> tf, int[] begin, int[] end,
            int[] strides)
        {
            int Mask(string key) => OpAttrs.Get(tf, key, 0, "StridedSlice");
            if (Mask("ellipsis_mask") != 0 || Mask("new_axis_mask") != 0)
                throw new NotSupportedException("StridedSlice with ellipsis_mask or new_axis_mask");
            return new(begin, end, strides, Mask("begin_mask"), Mask("end_mask"), Mask("shrink_axis_mask"));
        }

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["begin"] = Begin;
            attrs["end"] = End;
            attrs["strides"] = Strides;
            WriteTf(attrs);
        }

        public void WriteTf(IDictionary<string, object> attrs)
        {
            attrs["begin_mask"] = BeginMask;
            attrs["end_mask"] = EndMask;
            attrs["shrink_axis_mask"] = ShrinkAxisMask;
            attrs["ellipsis_mask"] = 0;
            attrs["new_axis_mask"] = 0;
        }
    }

    /// <summary>Per input axis: first index, step and count; shrunk axes are dropped from the output.</summary>
    private static (int Start, int Step, int Count, bool Shrink)[] SliceSpec(Operation op, Shape input)
    {
        (int[] begin, int[] end, int[] strides, int bm, int em, int sm) = StridedSliceAttrs.Of(op);
        var spec = new (int, int, int, bool)[input.Rank];
        for (int a = 0; a < input.Rank; a++)
        {
            int n = input[a];
            if (a >= begin.Length) { spec[a] = (0, 1, n, false); continue; }
            int step = strides[a];
            if ((sm & (1 << a)) != 0)
            {
                int idx = begin[a];
                if (n >= 0)
                {
                    if (idx < -n || idx >= n) throw new ArgumentException($"slice index {idx} of dimension {a} out of bounds for '{op.Name}' (op: 'StridedSlice') on input of shape {input}");
                    if (idx < 0) idx += n;
                }
                spec[a] = (idx, 1, 1, true);
                continue;
            }
            if (n < 0) { spec[a] = (0, step, -1, false); continue; }
            int lo = step > 0 ? 0 : -1, hi = step > 0 ? n : n - 1;
            int b = (bm & (1 << a)) != 0 ? (step > 0 ? 0 : n - 1) : Math.Clamp(begin[a] < 0 ? begin[a] + n : begin[a], lo, hi);
            int e = (em & (1 << a)) != 0 ? (step > 0 ? n : -1) : Math.Clamp(end[a] < 0 ? end[a] + n : end[a], lo, hi);
            int count = step > 0 ? Math.Max(0, (e - b + step - 1) / step) : Math.Max(0, (b - e - step - 1) / -step);
            spec[a] = (b, step, count, false);
        }
        return spec;
    }

    private static Shape[] SliceShape(Operation op, Shape[] s)
    {
        Shape input = op.Type == "StridedSlice" ? s[0] : s[1];
        if (op.Type == "StridedSliceGrad") return [input];
        if (input.IsUnknownRank) return [Shape.Unknown];
        var spec = SliceSpec(op, input);
        return [new Shape(spec.Where(p => !p.Shrink).Select(p => p.Count).ToArray())];
    }

    /// <summary>The flat input index of every output element, computed once per plan.</summary>
    private static int[] GatherIndices(Operation op, int[] inShape)
    {
        var spec = SliceSpec(op, new Shape(inShape));
        int[] strides = BroadcastLayout.Strides(inShape);
        int total = 1;
        foreach (var p in spec) total *= p.Count;
        var indices = new int[total];
        var counter = new int[spec.Length];
        for (int i = 0; i < total; i++)
        {
            int flat = 0;
            for (int a = 0; a < spec.Length; a++) flat += (spec[a].Start + counter[a] * spec[a].Step) * strides[a];
            indices[i] = flat;
            for (int a = spec.Length - 1; a >= 0; a--)
            {
                if (++counter[a] < spec[a].Count) break;
                counter[a] = 0;
            }
        }
        return indices;
    }

    private static Kernel SliceKernel(KernelContext ctx)
    {
        int[] indices = GatherIndices(ctx.Op, ctx.InShapes[0]);
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return Kernel.From(v =>
        {
            Array src = v[xi]!.Data, dst = d.Data;
            switch (d.DType)
            {
                case DType.Float32: Gather<float>(src, dst, indices); break;
                case DType.Float64: Gather<double>(src, dst, indices); break;
                case DType.Int32: Gather<int>(src, dst, indices); break;
                case DType.Int64: Gather<long>(src, dst, indices); break;
                default: Gather<bool>(src, dst, indices); break;
            }
        });
    }

    private static void Gather<T>(Array src, Array dst, int[] indices)
    {
        var s = (T[])src;
        var d = (T[])dst;
        for (int i = 0; i < indices.Length; i++) d[i] = s[indices[i]];
    }

    private static Kernel SliceGradKernel(KernelContext ctx)
    {
        int[] indices = GatherIndices(ctx.Op, ctx.InShapes[1]);
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0];
        return Bind.Typed(ctx, new ScatterRun(gi, indices, d), TypeSet.Floating, "gradients flow only through float32 and float64");
    }

    /// <summary>StridedSliceGrad: the gradient scattered (added) back to the positions the slice took.</summary>
    private readonly struct ScatterRun(int g, int[] indices, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            ReadOnlySpan<T> grad = v[g]!.Span<T>();
            Span<T> dst = d.Span<T>();
            dst.Clear();
            for (int i = 0; i < indices.Length; i++) dst[indices[i]] += grad[i];
        }
    }
}
