using TfLessons.Ops;

namespace TfLessons.Runtime.Kernels.Reference;

/// <summary>Reference kernels of the array and math ops TensorFlow.NET programs use, and of multi-output ops.</summary>
public static partial class ReferenceKernels
{
    /// <summary>Every output of <paramref name="op"/>: multi-output ops are checked output by output.</summary>
    public static NDArray[] EvaluateAll(Operation op, params NDArray[] inputs) => op.Type switch
    {
        "Unpack" => Unpack(inputs[0], ArrayOps.UnpackAttrs.Of(op).Axis, ArrayOps.UnpackAttrs.Of(op).Num),
        "ConcatGrad" => SplitLike(inputs[0], inputs[1..], ArrayOps.AxisAttrs.Of(op).Axis),
        "SoftmaxCrossEntropyWithLogits" => [CrossEntropy(inputs[0], inputs[1]), CrossEntropyBackprop(inputs[0], inputs[1])],
        _ => [Evaluate(op, inputs)],
    };

    private static NDArray EvaluateTfNet(Operation op, NDArray[] inputs)
    {
        DType outType = op.Outputs[0].DType;
        return op.Type switch
        {
            "Abs" => Unary(inputs[0], outType, Math.Abs),
            "Sign" => Unary(inputs[0], outType, a => a > 0 ? 1 : a < 0 ? -1 : 0),
            "Log1p" => Unary(inputs[0], outType, a => Math.Log(1 + a)),
            "Expm1" => Unary(inputs[0], outType, a => Math.Exp(a) - 1),
            "ProdGrad" => ProdGrad(inputs[0], inputs[1], ReduceOps.Axes(op, inputs[1].Rank)),
            "Pack" => Pack(inputs, ArrayOps.PackAttrs.Of(op).Axis),
            "ConcatV2" => Concat(inputs, ArrayOps.ConcatAttrs.Of(op).Axis),
            "Squeeze" => Reshaped(inputs[0], Squeezed(inputs[0].Dims, ArrayOps.SqueezeAttrs.Of(op).SqueezeDims)),
            "GatherV2" => Gather(inputs[0], inputs[1], ArrayOps.AxisAttrs.Of(op).Axis),
            "GatherGrad" => GatherGrad(inputs[0], inputs[1], inputs[2].Dims, ArrayOps.AxisAttrs.Of(op).Axis),
            "Tile" => Tile(inputs[0], ArrayOps.TileAttrs.Of(op).Multiples),
            "TileGrad" => TileGrad(inputs[0], inputs[1].Dims),
            "BatchMatMulV2" => BatchMatMul(inputs[0], inputs[1],
                MatMulOps.BatchMatMulAttrs.Of(op).AdjX, MatMulOps.BatchMatMulAttrs.Of(op).AdjY),
            _ => EvaluateGraphOp(op, inputs) ?? throw new NotSupportedException($"no reference kernel for {op.Type}"),
        };
    }

    private static int Axis(int axis, int rank) => axis < 0 ? axis + rank : axis;

    private static int Flat(int[] shape, int[] index)
    {
        int f = 0;
        for (int a = 0; a < shape.Length; a++) f = f * shape[a] + index[a];
        return f;
    }

    private static NDArray ProdGrad(NDArray dy, NDArray x, int[] axes)
    {
        int[] shape = x.Dims;
        int[] kept = shape.Select((d, a) => axes.Contains(a) ? 1 : d).ToArray();
        var group = new int[x.Size];
        int i = 0;
        foreach (int[] idx in Indices(shape)) group[i++] = Flat(kept, idx.Select((v, a) => axes.Contains(a) ? 0 : v).ToArray());
        var r = new NDArray(x.DType, shape);
        for (int e = 0; e < x.Size; e++)
        {
            double p = dy.GetDouble(group[e]);
            for (int f = 0; f < x.Size; f++) if (f != e && group[f] == group[e]) p *= x.GetDouble(f);
            r.SetDouble(e, p);
        }
        return r;
    }

    private static NDArray Pack(NDArray[] xs, int axis)
    {
        int[] shape = xs[0].Dims;
        axis = Axis(axis, shape.Length + 1);
        var outShape = shape.ToList();
        outShape.Insert(axis, xs.Length);
        var r = new NDArray(xs[0].DType, outShape.ToArray());
        int o = 0;
        foreach (int[] idx in Indices(outShape.ToArray()))
        {
            int[] inner = idx.Where((_, a) => a != axis).ToArray();
            r.SetDouble(o++, xs[idx[axis]].GetDouble(Flat(shape, inner)));
        }
        return r;
    }

    private static NDArray[] Unpack(NDArray x, int axis, int num)
    {
        int[] shape = x.Dims;
        axis = Axis(axis, shape.Length);
        int[] partShape = shape.Where((_, a) => a != axis).ToArray();
        var parts = Enumerable.Range(0, num).Select(_ => new NDArray(x.DType, partShape)).ToArray();
        int i = 0;
        foreach (int[] idx in Indices(shape))
        {
            parts[idx[axis]].SetDouble(Flat(partShape, idx.Where((_, a) => a != axis).ToArray()), x.GetDouble(i++));
        }
        return parts;
    }

    private static NDArray Concat(NDArray[] xs, int axis)
    {
        int[] first = xs[0].Dims;
        axis = Axis(axis, first.Length);
        int[] outShape = (int[])first.Clone();
        outShape[axis] = xs.Sum(x => x.Dims[axis]);
        var r = new NDArray(xs[0].DType, outShape);
        int o = 0;
        foreach (int[] idx in Indices(outShape))
        {
            int k = 0, along = idx[axis];
            while (along >= xs[k].Dims[axis]) along -= xs[k++].Dims[axis];
            int[] src = (int[])idx.Clone();
            src[axis] = along;
            r.SetDouble(o++, xs[k].GetDouble(Flat(xs[k].Dims, src)));
        }
        return r;
    }

    private static NDArray[] SplitLike(NDArray dy, NDArray[] likes, int axis)
    {
        axis = Axis(axis, dy.Rank);
        var parts = likes.Select(l => new NDArray(dy.DType, l.Dims)).ToArray();
        int i = 0;
        foreach (int[] idx in Indices(dy.Dims))
        {
            int k = 0, along = idx[axis];
            while (along >= likes[k].Dims[axis]) along -= likes[k++].Dims[axis];
            int[] dst = (int[])idx.Clone();
            dst[axis] = along;
            parts[k].SetDouble(Flat(likes[k].Dims, dst), dy.GetDouble(i++));
        }
        return parts;
    }

    private static int[] Squeezed(int[] shape, int[] axes)
    {
        int[] canonical = axes.Select(a => Axis(a, shape.Length)).ToArray();
        return shape.Where((d, a) => canonical.Length == 0 ? d != 1 : !canonical.Contains(a)).ToArray();
    }

    private static NDArray Gather(NDArray p, NDArray indices, int axis)
    {
        int[] ps = p.Dims;
        axis = Axis(axis, ps.Length);
        int[] outShape = [.. ps[..axis], .. indices.Dims, .. ps[(axis + 1)..]];
        var r = new NDArray(p.DType, outShape);
        int o = 0, ir = indices.Rank;
        foreach (int[] idx in Indices(outShape))
        {
            int j = Flat(indices.Dims, idx[axis..(axis + ir)]);
            int[] src = [.. idx[..axis], (int)indices.GetDouble(j), .. idx[(axis + ir)..]];
            r.SetDouble(o++, p.GetDouble(Flat(ps, src)));
        }
        return r;
    }

    private static NDArray GatherGrad(NDArray dy, NDArray indices, int[] shape, int axis)
    {
        axis = Axis(axis, shape.Length);
        var r = new NDArray(dy.DType, shape);
        int o = 0, ir = indices.Rank;
        foreach (int[] idx in Indices(dy.Dims))
        {
            int j = Flat(indices.Dims, idx[axis..(axis + ir)]);
            int[] dst = [.. idx[..axis], (int)indices.GetDouble(j), .. idx[(axis + ir)..]];
            int f = Flat(shape, dst);
            r.SetDouble(f, r.GetDouble(f) + dy.GetDouble(o++));
        }
        return r;
    }

    private static NDArray Tile(NDArray x, int[] multiples)
    {
        int[] shape = x.Dims;
        int[] outShape = shape.Select((d, a) => d * multiples[a]).ToArray();
        var r = new NDArray(x.DType, outShape);
        int o = 0;
        foreach (int[] idx in Indices(outShape)) r.SetDouble(o++, x.GetDouble(Flat(shape, idx.Select((v, a) => v % shape[a]).ToArray())));
        return r;
    }

    private static NDArray TileGrad(NDArray dy, int[] shape)
    {
        var r = new NDArray(dy.DType, shape);
        int o = 0;
        foreach (int[] idx in Indices(dy.Dims))
        {
            int f = Flat(shape, idx.Select((v, a) => v % shape[a]).ToArray());
            r.SetDouble(f, r.GetDouble(f) + dy.GetDouble(o++));
        }
        return r;
    }

    private static NDArray BatchMatMul(NDArray x, NDArray y, bool ta, bool tb)
    {
        int[] xs = x.Dims, ys = y.Dims;
        int[] batch = BroadcastShape(xs[..^2], ys[..^2]);
        int m = ta ? xs[^1] : xs[^2], k = ta ? xs[^2] : xs[^1], n = tb ? ys[^2] : ys[^1];
        var r = new NDArray(x.DType, [.. batch, m, n]);
        int o = 0;
        foreach (int[] idx in Indices(r.Dims))
        {
            int[] b = idx[..^2];
            int i = idx[^2], j = idx[^1];
            double s = 0;
            for (int p = 0; p < k; p++)
            {
                double a = At(x, [.. b, ta ? p : i, ta ? i : p], xs);
                double c = At(y, [.. b, tb ? j : p, tb ? p : j], ys);
                s += a * c;
            }
            r.SetDouble(o++, s);
        }
        return r;
    }

    /// <summary>An element of a batched operand at a broadcast batch index (leading batch axes may be missing or 1).</summary>
    private static double At(NDArray a, int[] index, int[] shape)
    {
        int offset = index.Length - shape.Length, flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + (shape[d] == 1 && d < shape.Length - 2 ? 0 : index[d + offset]);
        return a.GetDouble(flat);
    }

    private static NDArray CrossEntropyBackprop(NDArray logits, NDArray labels)
    {
        NDArray p = SoftmaxRows(logits, log: false);
        var r = new NDArray(logits.DType, logits.Dims);
        for (int i = 0; i < r.Size; i++) r.SetDouble(i, p.GetDouble(i) - labels.GetDouble(i));
        return r;
    }
}
