namespace TfLessons.NumPy;

/// <summary>
/// NumPy 1.x type promotion (Debian's numpy 1.24): array dtypes promote normally, and
/// 0-d operands (C# literals, like Python scalars) count by value unless their kind (bool &lt; int &lt;
/// float) is above every array's, so <c>float32_array * 2.0</c> stays float32 and <c>uint8 + 1</c> uint8.
/// The lattice includes the types NumPy can reach (int16, float16, ...) so that a result TfLessons
/// cannot hold is refused by name instead of being silently widened.
/// </summary>
internal static class Promotion
{
    private readonly record struct Lt(char Kind, int Bits, bool SmallUnsigned = false)
    {
        public int Category => Kind switch { 'b' => 0, 'u' or 'i' => 1, _ => 2 };

        public string Name =>
            Kind switch
            {
                'b' => "bool",
                'u' => $"uint{Bits}",
                'i' => $"int{Bits}",
                _ => $"float{Bits}",
            };
    }

    public static DType Result(string op, params NDArray[] operands)
    {
        var arrays = operands.Where(o => o.Rank > 0).ToArray();
        var scalars = operands.Where(o => o.Rank == 0).ToArray();
        List<Lt> types;
        if (
            arrays.Length == 0
            || scalars.Length == 0
            || scalars.Max(s => Of(s.DType).Category) > arrays.Max(a => Of(a.DType).Category)
        )
        {
            types = operands.Select(o => o.IsWeakScalar ? PythonType(o.DType) : Of(o.DType)).ToList();
        }
        else
        {
            types = arrays.Select(a => Of(a.DType)).ToList();
            types.AddRange(scalars.Select(MinScalarType));
        }
        Lt result = types[0];
        for (int i = 1; i < types.Count; i++)
            result = Promote(result, types[i]);
        return ToDType(result)
            ?? throw new NotSupportedException(
                $"{op}: NumPy would compute "
                    + $"{string.Join(", ", operands.Select(o => o.DType.Name() + Shape.Format(o.ShapeSpan)))} in "
                    + $"{result.Name}, which TfLessons arrays do not support (uint8, int16, "
                    + $"int32, int64, float32, float64, bool); cast an operand first"
            );
    }

    private static Lt Of(DType d) => d switch
    {
        DType.Bool => new('b', 8),
        DType.UInt8 => new('u', 8),
        DType.Int16 => new('i', 16),
        DType.Int32 => new('i', 32),
        DType.Int64 => new('i', 64),
        DType.Float32 => new('f', 32),
        DType.Float64 => new('f', 64),
        _ => throw new ArgumentException($"dtype {d} has no NumPy equivalent"),
    };

    private static Lt PythonType(DType d) => d switch
    {
        DType.Bool => new('b', 8),
        DType.Float32 or DType.Float64 => new('f', 64),
        _ => new('i', 64),
    };

    private static DType? ToDType(Lt t) => t.Name switch
    {
        "bool" => DType.Bool,
        "uint8" => DType.UInt8,
        "int16" => DType.Int16,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        _ => null,
    };

    /// <summary>NumPy's <c>min_scalar_type</c>, with its "small unsigned" flag for non-negative values that also fit
    /// the signed type.</summary>
    private static Lt MinScalarType(NDArray s)
    {
        if (s.DType == DType.Bool) return new('b', 8);
        if (s.DType.IsFloating())
        {
            double v = Math.Abs(s.GetDouble(0));
            return !double.IsFinite(v) || v <= 65504 ? new('f', 16) : v <= float.MaxValue ? new('f', 32) : new('f', 64);
        }
        long x = s.DType == DType.Int64 ? s.Get<long>(0) : (long)s.GetDouble(0);
        if (x >= 0)
        {
            int bits = x <= byte.MaxValue ? 8 : x <= ushort.MaxValue ? 16 : x <= uint.MaxValue ? 32 : 64;
            long signedMax = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
            return new('u', bits, x <= signedMax);
        }
        return new('i', x >= sbyte.MinValue ? 8 : x >= short.MinValue ? 16 : x >= int.MinValue ? 32 : 64);
    }

    private static Lt Promote(Lt a, Lt b)
    {
        if (a.Kind == 'u' && a.SmallUnsigned && b.Kind == 'i') a = new('i', a.Bits);
        if (b.Kind == 'u' && b.SmallUnsigned && a.Kind == 'i') b = new('i', b.Bits);
        if (a.Kind == 'b') return b;
        if (b.Kind == 'b') return a;
        if (a.Kind == b.Kind) return new(a.Kind, Math.Max(a.Bits, b.Bits), a.SmallUnsigned && b.SmallUnsigned);
        if (a.Kind == 'f' || b.Kind == 'f')
        {
            Lt f = a.Kind == 'f' ? a : b, n = a.Kind == 'f' ? b : a;
            int need = n.Bits <= 8 ? 16 : n.Bits <= 16 ? 32 : 64;
            return new('f', Math.Max(f.Bits, need));
        }
        Lt u = a.Kind == 'u' ? a : b, i = a.Kind == 'u' ? b : a;
        if (i.Bits > u.Bits) return i;
        return u.Bits < 64 ? new('i', u.Bits * 2) : new('f', 64);
    }
}
