namespace TfLessons.NumPy;

internal enum UfuncOp
{
    Add,
    Subtract,
    Multiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Power,
    Maximum,
    Minimum,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Xor,
}

/// <summary>
/// Broadcasting binary ufuncs. Operands are read once into the computing type's array (float,
/// double, long or bool) in the broadcast order, then one loop computes; float32 math stays in
/// float32 like NumPy's loops, integers wrap to their dtype.
/// </summary>
internal static class Ufunc
{
    public static NDArray Binary(UfuncOp op, NDArray a, NDArray b)
    {
        string name = op.ToString().ToLowerInvariant();
        int[] shape = np.broadcast_shapes(a.Dims, b.Dims);
        DType common = Promotion.Result(name, a, b);
        bool compare = op is >= UfuncOp.Less and <= UfuncOp.NotEqual;
        if (common == DType.Bool && op is UfuncOp.Subtract)
            throw new InvalidOperationException(
                "numpy boolean subtract, the `-` operator, is not supported, use the "
                    + "bitwise_xor, the `^` operator, or the logical_xor function instead"
            );
        if (op is UfuncOp.And or UfuncOp.Or or UfuncOp.Xor && common.IsFloating())
            throw new InvalidOperationException(
                $"ufunc 'bitwise_{name}' not supported for the input types {a.DType.Name()} and {b.DType.Name()}"
            );
        // NumPy true-divides every integer and bool type in float64.
        if (op == UfuncOp.TrueDivide && !common.IsFloating()) common = DType.Float64;
        if (common == DType.Bool && op is UfuncOp.FloorDivide or UfuncOp.Remainder or UfuncOp.Power)
            throw new NotSupportedException(
                $"{name}: NumPy computes this on booleans in int8, which "
                    + $"TfLessons arrays do not support; cast to int32 first"
            );
        DType outType = compare ? DType.Bool : common;
        var result = new NDArray(outType, shape);
        int n = result.Size;
        switch (common)
        {
            case DType.Float32:
                {
                    float[] x = ReadFloat(a, shape), y = ReadFloat(b, shape);
                    if (compare) Compare(op, x, y, result.Array<bool>());
                    else FloatLoop(op, x, y, result.Array<float>());
                    break;
                }
            case DType.Float64:
                {
                    double[] x = ReadDouble(a, shape), y = ReadDouble(b, shape);
                    if (compare) Compare(op, x, y, result.Array<bool>());
                    else DoubleLoop(op, x, y, result.Array<double>());
                    break;
                }
            case DType.Bool:
                {
                    long[] x = ReadLong(a, shape), y = ReadLong(b, shape);
                    bool[] r = result.Array<bool>();
                    if (compare) Compare(op, x, y, r);
                    else for (int i = 0; i < n; i++) r[i] = BoolOp(op, x[i] != 0, y[i] != 0);
                    break;
                }
            default:
                {
                    long[] x = ReadLong(a, shape),
                        y = ReadLong(b, shape);
                    if (compare)
                        Compare(op, x, y, result.Array<bool>());
                    else
                        for (int i = 0; i < n; i++)
                            Elements.WriteLong(result.Storage, common, i, LongOp(op, x[i], y[i]));
                    break;
                }
        }
        return result;
    }

    private static bool BoolOp(UfuncOp op, bool x, bool y) => op switch
    {
        UfuncOp.Add or UfuncOp.Or or UfuncOp.Maximum => x | y,
        UfuncOp.Multiply or UfuncOp.And or UfuncOp.Minimum => x & y,
        UfuncOp.Xor => x ^ y,
        _ => throw new InvalidOperationException($"{op} is not defined for booleans"),
    };

    private static long LongOp(UfuncOp op, long x, long y) => op switch
    {
        UfuncOp.Add => unchecked(x + y),
        UfuncOp.Subtract => unchecked(x - y),
        UfuncOp.Multiply => unchecked(x * y),
        // NumPy returns 0 (with a warning) for integer division by zero.
        UfuncOp.FloorDivide => y == 0 ? 0 : FloorDiv(x, y),
        UfuncOp.Remainder => y == 0 ? 0 : x - FloorDiv(x, y) * y,
        UfuncOp.Power => IntPow(x, y),
        UfuncOp.Maximum => Math.Max(x, y),
        UfuncOp.Minimum => Math.Min(x, y),
        UfuncOp.And => x & y,
        UfuncOp.Or => x | y,
        UfuncOp.Xor => x ^ y,
        _ => throw new InvalidOperationException($"{op} is not an arithmetic op"),
    };

    private static long FloorDiv(long x, long y)
    {
        if (x == long.MinValue && y == -1) return long.MinValue;
        long q = x / y;
        return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
    }

    private static long IntPow(long x, long y)
    {
        if (y < 0) throw new ArgumentException("Integers to negative integer powers are not allowed.");
        long r = 1;
        unchecked
        {
            while (y > 0)
            {
                if ((y & 1) != 0) r *= x;
                x *= x;
                y >>= 1;
            }
        }
        return r;
    }

    private static void FloatLoop(UfuncOp op, float[] x, float[] y, float[] r)
    {
        for (int i = 0; i < r.Length; i++)
        {
            float a = x[i], b = y[i];
            r[i] = op switch
            {
                UfuncOp.Add => a + b,
                UfuncOp.Subtract => a - b,
                UfuncOp.Multiply => a * b,
                UfuncOp.TrueDivide => a / b,
                UfuncOp.FloorDivide => (float)FloatFloorDiv(a, b),
                UfuncOp.Remainder => (float)FloatMod(a, b),
                UfuncOp.Power => MathF.Pow(a, b),
                UfuncOp.Maximum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b),
                UfuncOp.Minimum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b),
                _ => throw new InvalidOperationException($"{op} is not an arithmetic op"),
            };
        }
    }

    private static void DoubleLoop(UfuncOp op, double[] x, double[] y, double[] r)
    {
        for (int i = 0; i < r.Length; i++)
        {
            double a = x[i], b = y[i];
            r[i] = op switch
            {
                UfuncOp.Add => a + b,
                UfuncOp.Subtract => a - b,
                UfuncOp.Multiply => a * b,
                UfuncOp.TrueDivide => a / b,
                UfuncOp.FloorDivide => FloatFloorDiv(a, b),
                UfuncOp.Remainder => FloatMod(a, b),
                UfuncOp.Power => Math.Pow(a, b),
                UfuncOp.Maximum => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b),
                UfuncOp.Minimum => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b),
                _ => throw new InvalidOperationException($"{op} is not an arithmetic op"),
            };
        }
    }

    /// <summary>NumPy's npy_remainder: the sign of the divisor.</summary>
    private static double FloatMod(double a, double b)
    {
        if (b == 0) return double.NaN;
        double mod = a % b;
        if (mod != 0) { if ((b < 0) != (mod < 0)) mod += b; }
        else mod = b < 0 ? -0.0 : 0.0;
        return mod;
    }

    /// <summary>NumPy's npy_floor_divide (via divmod), which differs from floor(a / b) near integers.</summary>
    private static double FloatFloorDiv(double a, double b)
    {
        if (b == 0) return a / b;
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
        if (div == 0) return 0.0 * (a / b);
        double floordiv = Math.Floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
        return floordiv;
    }

    private static void Compare<T>(UfuncOp op, T[] x, T[] y, bool[] r)
        where T : IComparable<T>, System.Numerics.IComparisonOperators<T, T, bool>
    {
        for (int i = 0; i < r.Length; i++)
        {
            T a = x[i], b = y[i];
            r[i] = op switch
            {
                UfuncOp.Less => a < b,
                UfuncOp.LessEqual => a <= b,
                UfuncOp.Greater => a > b,
                UfuncOp.GreaterEqual => a >= b,
                UfuncOp.Equal => a == b,
                _ => a != b,
            };
        }
    }

    public static float[] ReadFloat(NDArray a, int[] shape)
    {
        int[] pos = a.Positions(shape);
        var r = new float[pos.Length];
        if (a.DType == DType.Float32)
            Elements.Gather(a.Storage, pos, r);
        else
            for (int i = 0; i < r.Length; i++)
                r[i] = a.DType.IsFloating()
                    ? (float)Elements.ReadDouble(a.Storage, a.DType, pos[i])
                    : Elements.ReadLong(a.Storage, a.DType, pos[i]);
        return r;
    }

    public static double[] ReadDouble(NDArray a, int[] shape)
    {
        int[] pos = a.Positions(shape);
        var r = new double[pos.Length];
        if (a.DType == DType.Float64)
            Elements.Gather(a.Storage, pos, r);
        else
            for (int i = 0; i < r.Length; i++)
                r[i] = a.DType.IsFloating()
                    ? Elements.ReadDouble(a.Storage, a.DType, pos[i])
                    : Elements.ReadLong(a.Storage, a.DType, pos[i]);
        return r;
    }

    public static long[] ReadLong(NDArray a, int[] shape)
    {
        int[] pos = a.Positions(shape);
        var r = new long[pos.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Elements.ReadLong(a.Storage, a.DType, pos[i]);
        return r;
    }
}
