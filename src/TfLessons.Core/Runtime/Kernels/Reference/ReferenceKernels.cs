using TfLessons.Ops;

namespace TfLessons.Runtime.Kernels.Reference;

/// <summary>
/// Naive scalar kernels: the living definition of each op, used by tests as the oracle for the fast
/// kernels. Everything is computed in double with plain index arithmetic, then stored in the op's dtype.
/// </summary>
public static partial class ReferenceKernels
{
    public static NDArray Evaluate(Operation op, params NDArray[] inputs)
    {
        DType outType = op.Outputs[0].DType;
        return op.Type switch
        {
            "Add" => Binary(inputs, outType, (a, b) => a + b),
            "Sub" => Binary(inputs, outType, (a, b) => a - b),
            "Mul" => Binary(inputs, outType, (a, b) => a * b),
            "RealDiv" => Binary(inputs, outType, (a, b) => a / b),
            "Maximum" => Binary(inputs, outType, Math.Max),
            "Minimum" => Binary(inputs, outType, Math.Min),
            "Pow" => Binary(inputs, outType, Math.Pow),
            "Equal" => Binary(inputs, DType.Bool, (a, b) => a == b ? 1 : 0),
            "NotEqual" => Binary(inputs, DType.Bool, (a, b) => a != b ? 1 : 0),
            "Greater" => Binary(inputs, DType.Bool, (a, b) => a > b ? 1 : 0),
            "GreaterEqual" => Binary(inputs, DType.Bool, (a, b) => a >= b ? 1 : 0),
            "Less" => Binary(inputs, DType.Bool, (a, b) => a < b ? 1 : 0),
            "LessEqual" => Binary(inputs, DType.Bool, (a, b) => a <= b ? 1 : 0),
            "Neg" => Unary(inputs[0], outType, a => -a),
            "Square" => Unary(inputs[0], outType, a => a * a),
            "Sqrt" => Unary(inputs[0], outType, Math.Sqrt),
            "Exp" => Unary(inputs[0], outType, Math.Exp),
            "Log" => Unary(inputs[0], outType, Math.Log),
            "Relu" => Unary(inputs[0], outType, a => a > 0 ? a : 0),
            "Sigmoid" => Unary(inputs[0], outType, a => 1 / (1 + Math.Exp(-a))),
            "Tanh" => Unary(inputs[0], outType, Math.Tanh),
            "Cast" or "Identity" or "StopGradient" => Unary(inputs[0], outType, a => a),
            "ReluGrad" => Binary(inputs, outType, (dy, x) => x > 0 ? dy : 0),
            "SigmoidGrad" => Binary(inputs, outType, (y, dy) => dy * y * (1 - y)),
            "TanhGrad" => Binary(inputs, outType, (y, dy) => dy * (1 - y * y)),
            "SqrtGrad" => Binary(inputs, outType, (y, dy) => dy * 0.5 / y),
            "AddN" => AddN(inputs, outType),
            "MatMul" => MatMul(inputs[0], inputs[1], MatMulOps.MatMulAttrs.Of(op)),
            "Sum" or "Mean" or "Max" or "Min" or "Prod" =>
                Reduce(op.Type, inputs[0], ReduceOps.Axes(op, inputs[0].Rank), ReduceOps.ReduceAttrs.Of(op).KeepDims,
                    outType),
            "ArgMax" => ArgMax(inputs[0], ReduceOps.ArgAttrs.Of(op).Axis, false, outType),
            "ArgMin" => ArgMax(inputs[0], ReduceOps.ArgAttrs.Of(op).Axis, true, outType),
            "Reshape" => Reshaped(inputs[0],
                NDArray.ResolveReshape(inputs[0].Size, ArrayOps.ReshapeAttrs.Of(op).Shape, "Reshape")),
            "ReshapeLike" => Reshaped(inputs[0], inputs[1].Dims),
            "Transpose" => Transpose(inputs[0], ArrayOps.TransposeAttrs.Of(op).Perm),
            "ZerosLike" => Filled(inputs[0].Dims, 0, outType),
            "OnesLike" => Filled(inputs[0].Dims, 1, outType),
            "Fill" => Filled(ArrayOps.FillAttrs.Of(op).Dims, ArrayOps.FillAttrs.Of(op).Value, outType),
            "BroadcastToLike" => BroadcastTo(inputs[0], inputs[1].Dims),
            "SumToShape" => SumToShape(inputs[0], inputs[1].Dims),
            "BroadcastReduced" =>
                BroadcastReduced(inputs[0], inputs[1].Dims, ReduceOps.Axes(op, inputs[1].Rank),
                    ReduceOps.BroadcastReducedAttrs.Of(op).Mean),
            "StridedSlice" => Slice(op, inputs[0]),
            "Softmax" => SoftmaxRows(inputs[0], log: false),
            "LogSoftmax" => SoftmaxRows(inputs[0], log: true),
            "SoftmaxCrossEntropyWithLogits" => CrossEntropy(inputs[0], inputs[1]),
            "SigmoidCrossEntropyWithLogits" => Binary(inputs, outType, (z, x) => -(z * Math.Log(1 / (1 + Math.Exp(-x))) + (1 - z) * Math.Log(1 - 1 / (1 + Math.Exp(-x))))),
            "OneHot" => OneHot(inputs[0], SoftmaxOps.OneHotAttrs.Of(op), outType),
            "ExpandDims" => Reshaped(inputs[0], op.Outputs[0].Shape.IsFullyDefined
                ? op.Outputs[0].Shape.ToArray()
                : ExpandedShape(inputs[0].Dims, SoftmaxOps.ExpandDimsAttrs.Of(op).Axis)),
            "Select" when inputs[0].Rank == 0 => inputs[0].GetDouble(0) != 0 ? inputs[1].Copy() : inputs[2].Copy(),
            "Select" => Ternary(inputs, (c, x, y) => c != 0 ? x : y, outType),
            "IsNan" => Unary(inputs[0], DType.Bool, a => double.IsNaN(a) ? 1 : 0),
            "IsFinite" => Unary(inputs[0], DType.Bool, a => double.IsFinite(a) ? 1 : 0),
            "Floor" => Unary(inputs[0], outType, Math.Floor),
            "StridedSliceGrad" => SliceGrad(op, inputs[0], inputs[1].Dims),
            _ => EvaluateTfNet(op, inputs),
        };
    }

    public static int[] BroadcastShape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int x = i < rank - a.Length ? 1 : a[i - rank + a.Length];
            int y = i < rank - b.Length ? 1 : b[i - rank + b.Length];
            r[i] = x == 1 ? y : x;
        }
        return r;
    }

    /// <summary>The element of <paramref name="a"/> that broadcasting maps to output index <paramref name="index"/>.</summary>
    public static double At(NDArray a, int[] index)
    {
        int[] shape = a.Dims;
        int offset = index.Length - shape.Length, flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : index[d + offset]);
        return a.GetDouble(flat);
    }

    public static IEnumerable<int[]> Indices(int[] shape)
    {
        int n = NDArray.ShapeSize(shape);
        var index = new int[shape.Length];
        for (int i = 0; i < n; i++)
        {
            yield return (int[])index.Clone();
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
    }

    private static NDArray Binary(NDArray[] x, DType outType, Func<double, double, double> f)
    {
        int[] shape = BroadcastShape(x[0].Dims, x[1].Dims);
        var r = new NDArray(outType, shape);
        int i = 0;
        foreach (int[] idx in Indices(shape)) r.SetDouble(i++, f(At(x[0], idx), At(x[1], idx)));
        return r;
    }

    private static NDArray Unary(NDArray x, DType outType, Func<double, double> f)
    {
        var r = new NDArray(outType, x.Dims);
        for (int i = 0; i < x.Size; i++) r.SetDouble(i, f(x.GetDouble(i)));
        return r;
    }

    private static NDArray AddN(NDArray[] x, DType outType)
    {
        var r = new NDArray(outType, x[0].Dims);
        for (int i = 0; i < r.Size; i++) r.SetDouble(i, x.Sum(a => a.GetDouble(i)));
        return r;
    }

    private static NDArray MatMul(NDArray a, NDArray b, MatMulOps.MatMulAttrs attrs) =>
        MatMul(a, b, attrs.TransposeA, attrs.TransposeB);

    private static NDArray MatMul(NDArray a, NDArray b, bool ta, bool tb)
    {
        int m = ta ? a.Dims[1] : a.Dims[0], k = ta ? a.Dims[0] : a.Dims[1], n = tb ? b.Dims[0] : b.Dims[1];
        var r = new NDArray(a.DType, [m, n]);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a.GetDouble(ta ? p * m + i : i * k + p) * b.GetDouble(tb ? j * k + p : p * n + j);
                r.SetDouble(i * n + j, s);
            }
        return r;
    }

    private static NDArray Reduce(string kind, NDArray x, int[] axes, bool keep, DType outType)
    {
        int[] shape = x.Dims;
        int[] kept = shape.Select((d, a) => axes.Contains(a) ? 1 : d).ToArray();
        int[] outShape = keep ? kept : shape.Where((d, a) => !axes.Contains(a)).ToArray();
        int size = NDArray.ShapeSize(kept);
        var acc = new double[size];
        var count = new int[size];
        Array.Fill(acc, kind == "Max" ? double.NegativeInfinity : kind == "Min" ? double.PositiveInfinity : kind == "Prod" ? 1 : 0);
        int i = 0;
        foreach (int[] idx in Indices(shape))
        {
            int o = 0;
            for (int d = 0; d < shape.Length; d++) o = o * kept[d] + (axes.Contains(d) ? 0 : idx[d]);
            double v = x.GetDouble(i++);
            acc[o] = kind == "Max" ? Math.Max(acc[o], v) : kind == "Min" ? Math.Min(acc[o], v) : kind == "Prod" ? acc[o] * v : acc[o] + v;
            count[o]++;
        }
        var r = new NDArray(outType, outShape);
        // Integer means truncate toward zero, as TensorFlow's integer division of the sum by the count.
        for (int o = 0; o < size; o++) r.SetDouble(o, kind == "Mean" ? (outType.IsFloating() ? acc[o] / count[o] : Math.Truncate(acc[o] / count[o])) : acc[o]);
        return r;
    }

    private static NDArray ArgMax(NDArray x, int axis, bool min = false, DType output = DType.Int64)
    {
        int[] shape = x.Dims;
        if (axis < 0) axis += shape.Length;
        int[] outShape = shape.Where((_, a) => a != axis).ToArray();
        var r = new NDArray(output, outShape);
        var best = new double[r.Size];
        Array.Fill(best, min ? double.PositiveInfinity : double.NegativeInfinity);
        int i = 0;
        foreach (int[] idx in Indices(shape))
        {
            int o = 0;
            for (int d = 0; d < shape.Length; d++) if (d != axis) o = o * shape[d] + idx[d];
            double v = x.GetDouble(i++);
            if (min ? v < best[o] : v > best[o]) { best[o] = v; r.SetDouble(o, idx[axis]); }
        }
        return r;
    }

    private static NDArray Reshaped(NDArray x, int[] shape)
    {
        var r = new NDArray(x.DType, shape);
        for (int i = 0; i < x.Size; i++) r.SetDouble(i, x.GetDouble(i));
        return r;
    }

    private static NDArray Transpose(NDArray x, int[] perm)
    {
        int[] shape = x.Dims;
        var r = new NDArray(x.DType, perm.Select(p => shape[p]).ToArray());
        int[] rs = r.Dims;
        int i = 0;
        foreach (int[] idx in Indices(shape))
        {
            int o = 0;
            for (int d = 0; d < perm.Length; d++) o = o * rs[d] + idx[perm[d]];
            r.SetDouble(o, x.GetDouble(i++));
        }
        return r;
    }

    private static NDArray Filled(int[] shape, double value, DType dtype)
    {
        var r = new NDArray(dtype, shape);
        for (int i = 0; i < r.Size; i++) r.SetDouble(i, value);
        return r;
    }

    private static NDArray BroadcastTo(NDArray x, int[] shape)
    {
        var r = new NDArray(x.DType, shape);
        int i = 0;
        foreach (int[] idx in Indices(shape)) r.SetDouble(i++, At(x, idx));
        return r;
    }

    private static NDArray SumToShape(NDArray x, int[] shape)
    {
        var r = new NDArray(x.DType, shape);
        var acc = new double[r.Size];
        int[] xs = x.Dims;
        int offset = xs.Length - shape.Length, i = 0;
        foreach (int[] idx in Indices(xs))
        {
            int o = 0;
            for (int d = 0; d < shape.Length; d++) o = o * shape[d] + (shape[d] == 1 ? 0 : idx[d + offset]);
            acc[o] += x.GetDouble(i++);
        }
        for (int o = 0; o < acc.Length; o++) r.SetDouble(o, acc[o]);
        return r;
    }

    private static NDArray BroadcastReduced(NDArray dy, int[] shape, int[] axes, bool mean)
    {
        int[] kept = shape.Select((d, a) => axes.Contains(a) ? 1 : d).ToArray();
        NDArray expanded = Reshaped(dy, kept);
        NDArray r = BroadcastTo(expanded, shape);
        int count = shape.Where((_, a) => axes.Contains(a)).Aggregate(1, (p, d) => p * d);
        if (mean) for (int i = 0; i < r.Size; i++) r.SetDouble(i, r.GetDouble(i) / count);
        return r;
    }

    /// <summary>Python slice semantics per axis: the list of indices taken, or one index for a shrunk axis.</summary>
    private static (List<int> Taken, bool Shrink)[] SliceAxes(Operation op, int[] shape)
    {
        (int[] begin, int[] end, int[] strides, int bm, int em, int sm) = ArrayOps.StridedSliceAttrs.Of(op);
        var axes = new (List<int>, bool)[shape.Length];
        for (int a = 0; a < shape.Length; a++)
        {
            int n = shape[a];
            if (a >= begin.Length) { axes[a] = (Enumerable.Range(0, n).ToList(), false); continue; }
            if ((sm & (1 << a)) != 0) { axes[a] = ([begin[a] < 0 ? begin[a] + n : begin[a]], true); continue; }
            int step = strides[a];
            var taken = new List<int>();
            for (int i = step > 0 ? 0 : n - 1; step > 0 ? i < n : i >= 0; i += step)
            {
                bool afterBegin = (bm & (1 << a)) != 0 || (step > 0 ? i >= Norm(begin[a], n) : i <= Norm(begin[a], n));
                bool beforeEnd = (em & (1 << a)) != 0 || (step > 0 ? i < Norm(end[a], n) : i > Norm(end[a], n));
                if (afterBegin && beforeEnd && (i - FirstIndex(bm, a, begin[a], n, step)) % step == 0) taken.Add(i);
            }
            axes[a] = (taken, false);
        }
        return axes;
    }

    private static int Norm(int i, int n) => i < 0 ? i + n : i;

    private static int FirstIndex(int beginMask, int axis, int begin, int n, int step) =>
        (beginMask & (1 << axis)) != 0 ? (step > 0 ? 0 : n - 1) : Math.Clamp(Norm(begin, n), step > 0 ? 0 : -1, step > 0 ? n : n - 1);

    private static NDArray Slice(Operation op, NDArray x)
    {
        int[] shape = x.Dims;
        var axes = SliceAxes(op, shape);
        int[] outShape = axes.Where(a => !a.Shrink).Select(a => a.Taken.Count).ToArray();
        var r = new NDArray(x.DType, outShape);
        int o = 0;
        foreach (int[] idx in Indices(axes.Select(a => a.Taken.Count).ToArray()))
        {
            int flat = 0;
            for (int a = 0; a < shape.Length; a++) flat = flat * shape[a] + axes[a].Taken[idx[a]];
            r.SetDouble(o++, x.GetDouble(flat));
        }
        return r;
    }

    private static NDArray SliceGrad(Operation op, NDArray dy, int[] shape)
    {
        var axes = SliceAxes(op, shape);
        var r = new NDArray(dy.DType, shape);
        int o = 0;
        foreach (int[] idx in Indices(axes.Select(a => a.Taken.Count).ToArray()))
        {
            int flat = 0;
            for (int a = 0; a < shape.Length; a++) flat = flat * shape[a] + axes[a].Taken[idx[a]];
            r.SetDouble(flat, r.GetDouble(flat) + dy.GetDouble(o++));
        }
        return r;
    }

    private static NDArray SoftmaxRows(NDArray x, bool log)
    {
        int classes = x.Dims[^1];
        var r = new NDArray(x.DType, x.Dims);
        for (int row = 0; row < x.Size / Math.Max(classes, 1); row++)
        {
            double denominator = 0;
            for (int j = 0; j < classes; j++) denominator += Math.Exp(x.GetDouble(row * classes + j));
            for (int j = 0; j < classes; j++)
            {
                double p = Math.Exp(x.GetDouble(row * classes + j)) / denominator;
                r.SetDouble(row * classes + j, log ? Math.Log(p) : p);
            }
        }
        return r;
    }

    private static NDArray CrossEntropy(NDArray logits, NDArray labels)
    {
        NDArray logP = SoftmaxRows(logits, log: true);
        int classes = logits.Dims[1];
        var r = new NDArray(logits.DType, [logits.Dims[0]]);
        for (int row = 0; row < r.Size; row++)
        {
            double l = 0;
            for (int j = 0; j < classes; j++) l -= labels.GetDouble(row * classes + j) * logP.GetDouble(row * classes + j);
            r.SetDouble(row, l);
        }
        return r;
    }

    private static int[] ExpandedShape(int[] shape, int axis)
    {
        var dims = shape.ToList();
        dims.Insert(axis < 0 ? dims.Count + 1 + axis : axis, 1);
        return dims.ToArray();
    }

    private static NDArray OneHot(NDArray indices, SoftmaxOps.OneHotAttrs attrs, DType dtype) =>
        OneHot(indices, attrs.Depth, attrs.OnValue, attrs.OffValue, attrs.Axis, dtype);

    private static NDArray OneHot(NDArray indices, int depth, double on, double off, int axis, DType dtype)
    {
        int[] shape = indices.Dims;
        int ax = axis == -1 ? shape.Length : axis;
        var outShape = shape.ToList();
        outShape.Insert(ax, depth);
        var r = new NDArray(dtype, outShape.ToArray());
        int i = 0;
        foreach (int[] idx in Indices(outShape.ToArray()))
        {
            int[] source = idx.Where((_, a) => a != ax).ToArray();
            int flat = 0;
            for (int a = 0; a < shape.Length; a++) flat = flat * shape[a] + source[a];
            r.SetDouble(i++, (long)indices.GetDouble(flat) == idx[ax] ? on : off);
        }
        return r;
    }

    private static NDArray Ternary(NDArray[] x, Func<double, double, double, double> f, DType outType)
    {
        var r = new NDArray(outType, x[1].Dims);
        for (int i = 0; i < r.Size; i++) r.SetDouble(i, f(x[0].GetDouble(i), x[1].GetDouble(i), x[2].GetDouble(i)));
        return r;
    }
}
