using TfLessons.NumPy;

namespace TfLessons;

/// <summary>Element-wise ufuncs and the linear-algebra products.</summary>
public static partial class np
{
    public static NDArray add(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Add, a, b);
    public static NDArray subtract(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Subtract, a, b);
    public static NDArray multiply(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Multiply, a, b);
    public static NDArray divide(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.TrueDivide, a, b);
    public static NDArray true_divide(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.TrueDivide, a, b);
    public static NDArray floor_divide(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.FloorDivide, a, b);
    public static NDArray remainder(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Remainder, a, b);
    public static NDArray mod(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Remainder, a, b);
    public static NDArray power(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Power, a, b);
    public static NDArray maximum(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Maximum, a, b);
    public static NDArray minimum(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Minimum, a, b);
    public static NDArray equal(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Equal, a, b);
    public static NDArray not_equal(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.NotEqual, a, b);
    public static NDArray less(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Less, a, b);
    public static NDArray greater(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Greater, a, b);
    public static NDArray less_equal(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.LessEqual, a, b);
    public static NDArray greater_equal(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.GreaterEqual, a, b);

    public static NDArray logical_and(NDArray a, NDArray b) =>
        Ufunc.Binary(UfuncOp.And, astype(a, DType.Bool), astype(b, DType.Bool));

    public static NDArray logical_or(NDArray a, NDArray b) =>
        Ufunc.Binary(UfuncOp.Or, astype(a, DType.Bool), astype(b, DType.Bool));
    public static NDArray logical_not(NDArray a) => Unary(a, "logical_not", x => x == 0 ? 1 : 0, boolResult: true);

    public static NDArray negative(NDArray a)
    {
        if (a.DType == DType.Bool)
            throw new InvalidOperationException(
                "The numpy boolean negative, the `-` operator, is not supported, "
                    + "use the `~` operator or the logical_not function instead."
            );
        return a.DType.IsFloating() ? Unary(a, "negative", x => -x) : IntUnary(a, x => unchecked(-x));
    }

    public static NDArray invert(NDArray a)
    {
        if (a.DType == DType.Bool)
            return logical_not(a);
        if (a.DType.IsFloating())
            throw new InvalidOperationException($"ufunc 'invert' not supported for the input type {a.DType.Name()}");
        return IntUnary(a, x => ~x);
    }

    public static NDArray abs(NDArray a) => a.DType switch
    {
        DType.Bool or DType.UInt8 => a.Copy(),
        DType.Int16 or DType.Int32 or DType.Int64 => IntUnary(a, x => x < 0 ? unchecked(-x) : x),
        _ => Unary(a, "absolute", Math.Abs, MathF.Abs),
    };

    public static NDArray absolute(NDArray a) => abs(a);
    public static NDArray square(NDArray a) => a * a;
    public static NDArray sqrt(NDArray a) => Unary(a, "sqrt", Math.Sqrt, MathF.Sqrt);
    public static NDArray exp(NDArray a) => Unary(a, "exp", Math.Exp, MathF.Exp);
    public static NDArray log(NDArray a) => Unary(a, "log", Math.Log, MathF.Log);
    public static NDArray tanh(NDArray a) => Unary(a, "tanh", Math.Tanh, MathF.Tanh);
    public static NDArray sin(NDArray a) => Unary(a, "sin", Math.Sin, MathF.Sin);
    public static NDArray cos(NDArray a) => Unary(a, "cos", Math.Cos, MathF.Cos);

    public static NDArray floor(NDArray a) =>
        a.DType.IsFloating() ? Unary(a, "floor", Math.Floor, MathF.Floor) : a.Copy();

    public static NDArray ceil(NDArray a) =>
        a.DType.IsFloating() ? Unary(a, "ceil", Math.Ceiling, MathF.Ceiling) : a.Copy();

    public static NDArray round(NDArray a) =>
        a.DType.IsFloating() ? Unary(a, "round", Math.Round, MathF.Round) : a.Copy();
    public static NDArray isnan(NDArray a) => Unary(a, "isnan", x => double.IsNaN(x) ? 1 : 0, boolResult: true);
    public static NDArray isinf(NDArray a) => Unary(a, "isinf", x => double.IsInfinity(x) ? 1 : 0, boolResult: true);

    public static NDArray isfinite(NDArray a) =>
        Unary(a, "isfinite", x => double.IsFinite(x) ? 1 : 0, boolResult: true);

    /// <summary>NumPy's <c>where(cond, x, y)</c>: elements of x where cond, else of y, all broadcast.</summary>
    public static NDArray where(NDArray condition, NDArray x, NDArray y)
    {
        int[] shape = broadcast_shapes(condition.Dims, x.Dims, y.Dims);
        DType dtype = Promotion.Result("where", x, y);
        NDArray cx = astype(broadcast_to(x, shape), dtype), cy = astype(broadcast_to(y, shape), dtype);
        int[] cpos = condition.Positions(shape);
        var result = new NDArray(dtype, shape);
        for (int i = 0; i < cpos.Length; i++)
        {
            NDArray from = Elements.ReadBool(condition.Storage, condition.DType, cpos[i]) ? cx : cy;
            Elements.Convert(from.Storage, dtype, i, result.Storage, dtype, i);
        }
        return result;
    }

    /// <summary>One-argument <c>where</c>: the same as <see cref="nonzero"/>.</summary>
    public static NDArray[] where(NDArray condition) => nonzero(condition);

    public static NDArray clip(NDArray a, NDArray? a_min, NDArray? a_max)
    {
        if (a_min is null && a_max is null) throw new ArgumentException("clip: One of max or min must be given");
        NDArray r = a_min is null ? a : maximum(a, a_min);
        return a_max is null ? r : minimum(r, a_max);
    }

    public static bool allclose(NDArray a, NDArray b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false)
    {
        int[] shape = broadcast_shapes(a.Dims, b.Dims);
        double[] x = Ufunc.ReadDouble(a, shape), y = Ufunc.ReadDouble(b, shape);
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                if (equal_nan && double.IsNaN(x[i]) && double.IsNaN(y[i])) continue;
                return false;
            }
            if (x[i] == y[i]) continue;
            if (!(Math.Abs(x[i] - y[i]) <= atol + rtol * Math.Abs(y[i]))) return false;
        }
        return true;
    }

    public static bool array_equal(NDArray a, NDArray b)
    {
        if (!a.ShapeSpan.SequenceEqual(b.ShapeSpan)) return false;
        NDArray eq = equal(a, b);
        return eq.ToArray<bool>().All(t => t);
    }

    /// <summary>NumPy's dot: scalars multiply, 1-D·1-D is the inner product, N-D·1-D and N-D·M-D contract the last axis
    /// with the second-to-last.</summary>
    public static NDArray dot(NDArray a, NDArray b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            return a * b;
        if (b.Rank == 1)
            return Contract(a, b, "dot");
        if (a.Rank <= 2 && b.Rank == 2)
            return Contract(a, b, "dot");
        throw new NotSupportedException(
            $"dot: arrays of rank {a.Rank} and {b.Rank} are not supported (use matmul for stacks of matrices)"
        );
    }

    /// <summary>NumPy's matmul: stacks of matrices broadcast over the leading axes; 1-D operands are promoted and the
    /// added axis removed.</summary>
    public static NDArray matmul(NDArray a, NDArray b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException(
                "matmul: Input operand does not have enough dimensions (scalars are not allowed, use '*')"
            );
        NDArray x = a.Rank == 1 ? expand_dims(a, 0) : a,
            y = b.Rank == 1 ? expand_dims(b, 1) : b;
        int n = x.ShapeSpan[^2],
            k = x.ShapeSpan[^1],
            k2 = y.ShapeSpan[^2],
            m = y.ShapeSpan[^1];
        if (k != k2)
            throw new ArgumentException(
                $"matmul: Input operand 1 has a mismatch in its core dimension 0 (size {k2} is different "
                    + $"from {k}); shapes {Shape.Format(a.ShapeSpan)} and {Shape.Format(b.ShapeSpan)}"
            );
        int[] batch = broadcast_shapes(x.Dims[..^2], y.Dims[..^2]);
        NDArray xb = broadcast_to(x, batch.Concat(new[] { n, k }).ToArray()),
            yb = broadcast_to(y, batch.Concat(new[] { k, m }).ToArray());
        int count = NDArray.ShapeSize(batch);
        var parts = new NDArray[count];
        NDArray xf = xb.reshape(-1, n, k),
            yf = yb.reshape(-1, k, m);
        for (int i = 0; i < count; i++)
            parts[i] = Contract(xf[i], yf[i], "matmul");
        NDArray result =
            count == 0
                ? zeros(batch.Concat(new[] { n, m }).ToArray(), Promotion.Result("matmul", a, b))
                : stack(parts).reshape(batch.Concat(new[] { n, m }).ToArray());
        if (a.Rank == 1)
            result = squeeze(result, -2);
        if (b.Rank == 1)
            result = squeeze(result, -1);
        return result;
    }

    /// <summary>Sum over the last axis of a and the first (1-D) or second-to-last axis of b, accumulated in the result
    /// dtype.</summary>
    private static NDArray Contract(NDArray a, NDArray b, string op)
    {
        int k = a.ShapeSpan[^1],
            kb = b.Rank == 1 ? b.ShapeSpan[0] : b.ShapeSpan[^2];
        if (k != kb)
            throw new ArgumentException(
                $"{op}: shapes {Shape.Format(a.ShapeSpan)} and {Shape.Format(b.ShapeSpan)} "
                    + $"not aligned: {k} (dim {a.Rank - 1}) != {kb} (dim {Math.Max(b.Rank - 2, 0)})"
            );
        DType dtype = Promotion.Result(op, a, b);
        int rows = a.Size / Math.Max(k, 1), cols = b.Rank == 1 ? 1 : b.ShapeSpan[^1];
        if (k == 0) rows = NDArray.ShapeSize(a.ShapeSpan[..^1]);
        int[] shape = a.Dims[..^1].Concat(b.Rank == 1 ? [] : new[] { cols }).ToArray();
        var result = new NDArray(dtype, shape);
        NDArray bm = b.Rank == 1 ? b.reshape(k, 1) : b;
        if (dtype.IsFloating())
        {
            double[] x = Ufunc.ReadDouble(a.reshape(rows, k), [rows, k]), y = Ufunc.ReadDouble(bm, [k, cols]);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    double s = 0;
                    for (int i = 0; i < k; i++) s += x[r * k + i] * y[i * cols + c];
                    result.SetDouble(r * cols + c, s);
                }
            }
        }
        else
        {
            long[] x = Ufunc.ReadLong(a.reshape(rows, k), [rows, k]), y = Ufunc.ReadLong(bm, [k, cols]);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    long s = 0;
                    for (int i = 0; i < k; i++) s = unchecked(s + x[r * k + i] * y[i * cols + c]);
                    Elements.WriteLong(result.Storage, dtype, r * cols + c, s);
                }
            }
        }
        return result;
    }

    private static NDArray Unary(
        NDArray a,
        string name,
        Func<double, double> f,
        Func<float, float>? f32 = null,
        bool boolResult = false
    )
    {
        DType outType = boolResult
            ? DType.Bool
            : a.DType switch
            {
                DType.Float32 or DType.Float64 => a.DType,
                DType.Int32 or DType.Int64 => DType.Float64,
                // NumPy's smallest float that holds every int16 is float32.
                DType.Int16 => DType.Float32,
                _ => throw new NotSupportedException(
                    $"{name}: NumPy computes {a.DType.Name()} input in float16, "
                        + $"which TfLessons arrays do not support; cast to float32 first"
                ),
            };
        var result = new NDArray(outType, a.Dims);
        int[] pos = a.Positions();
        if (outType == DType.Float32 && f32 is not null)
        {
            float[] src = Ufunc.ReadFloat(a, a.Dims), dst = result.Array<float>();
            for (int i = 0; i < dst.Length; i++) dst[i] = f32(src[i]);
            return result;
        }
        for (int i = 0; i < pos.Length; i++) result.SetDouble(i, f(Elements.ReadDouble(a.Storage, a.DType, pos[i])));
        return result;
    }

    private static NDArray IntUnary(NDArray a, Func<long, long> f)
    {
        var result = new NDArray(a.DType, a.Dims);
        long[] src = Ufunc.ReadLong(a, a.Dims);
        for (int i = 0; i < src.Length; i++) Elements.WriteLong(result.Storage, a.DType, i, f(src[i]));
        return result;
    }
}
