using System.Runtime.CompilerServices;

namespace TfLessons;

/// <summary>
/// A dense, row-major n-dimensional array of float32, float64, int32, int64 or bool: what a
/// session returns and what placeholders are fed with.
/// </summary>
public sealed partial class NDArray : IEquatable<NDArray>
{
    private int[] _shape;

    internal NDArray(DType dtype, int[] shape, Array data)
    {
        DType = dtype;
        _shape = shape;
        Data = data;
        int size = ShapeSize(shape);
        if (data.Length < size) throw new ArgumentException($"data has {data.Length} elements but shape {Shape.Format(shape)} needs {size}");
    }

    private NDArray(DType dtype, int[] shape, Array data, bool view)
    {
        DType = dtype;
        _shape = shape;
        Data = data;
    }

    /// <summary>A shape without storage yet: aliasing kernels point it at another array's data each run.</summary>
    internal static NDArray View(DType dtype, int[] shape) => new(dtype, shape, dtype.NewArray(0), view: true);

    internal NDArray(DType dtype, int[] shape) : this(dtype, shape, dtype.NewArray(ShapeSize(shape))) { }

    public DType DType { get; }

    /// <summary>The backing store. Kernels swap it for aliasing views (reshape, identity).</summary>
    internal Array Data { get; set; }

    public ReadOnlySpan<int> ShapeSpan => _shape;
    public Shape Shape => new(_shape);
    public int Rank => _shape.Length;
    public int Size => ShapeSize(_shape);
    public int[] Dims => (int[])_shape.Clone();

    internal int[] RawShape => _shape;

    internal void SetShape(int[] shape) => _shape = shape;

    /// <summary>The elements as a span of <typeparamref name="T"/>; the type must match <see cref="DType"/>.</summary>
    public Span<T> AsSpan<T>()
    {
        if (DTypes.Of<T>() != DType) throw new InvalidCastException($"array has dtype {DType.Name()}, not {DTypes.Of<T>().Name()}");
        return Unsafe.As<T[]>(Data).AsSpan(0, Size);
    }

    /// <summary>Unchecked typed access for kernels whose plan already validated the dtype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>() => Unsafe.As<T[]>(Data).AsSpan(0, ShapeSize(_shape));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Array<T>() => Unsafe.As<T[]>(Data);

    public T[] ToArray<T>() => AsSpan<T>().ToArray();

    /// <summary>The elements converted to double (bools as 0/1).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Size];
        for (int i = 0; i < result.Length; i++) result[i] = GetDouble(i);
        return result;
    }

    internal double GetDouble(int flatIndex) => DType switch
    {
        DType.Float32 => Unsafe.As<float[]>(Data)[flatIndex],
        DType.Float64 => Unsafe.As<double[]>(Data)[flatIndex],
        DType.Int32 => Unsafe.As<int[]>(Data)[flatIndex],
        DType.Int64 => Unsafe.As<long[]>(Data)[flatIndex],
        DType.Bool => Unsafe.As<bool[]>(Data)[flatIndex] ? 1 : 0,
        _ => throw new InvalidOperationException(),
    };

    internal void SetDouble(int flatIndex, double value)
    {
        switch (DType)
        {
            case DType.Float32: Unsafe.As<float[]>(Data)[flatIndex] = (float)value; break;
            case DType.Float64: Unsafe.As<double[]>(Data)[flatIndex] = value; break;
            case DType.Int32: Unsafe.As<int[]>(Data)[flatIndex] = (int)value; break;
            case DType.Int64: Unsafe.As<long[]>(Data)[flatIndex] = (long)value; break;
            case DType.Bool: Unsafe.As<bool[]>(Data)[flatIndex] = value != 0; break;
            default: throw new InvalidOperationException();
        }
    }

    /// <summary>The element at a flat (row-major) position, as double: NumPy's <c>a.item(i)</c>.</summary>
    public double item(int flatIndex) => flatIndex >= 0 && flatIndex < Size
        ? GetDouble(flatIndex)
        : throw new IndexOutOfRangeException($"index {flatIndex} is out of bounds for size {Size}");

    /// <summary>The element at a full index, as double.</summary>
    public double GetDouble(params int[] index) => GetDouble(FlatIndex(index));

    /// <summary>Indexing like NumPy's <c>a[i]</c>: the sub-array along the first axis (a copy).</summary>
    public NDArray this[int i]
    {
        get
        {
            if (_shape.Length == 0) throw new IndexOutOfRangeException("too many indices for a 0-d array");
            int n = _shape[0];
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw new IndexOutOfRangeException($"index {i} is out of bounds for axis 0 with size {n}");
            int[] sub = _shape[1..];
            int inner = ShapeSize(sub);
            var result = new NDArray(DType, sub);
            System.Array.Copy(Data, i * inner, result.Data, 0, inner);
            return result;
        }
    }

    public NDArray this[int i, int j] => this[i][j];

    internal int FlatIndex(ReadOnlySpan<int> index)
    {
        if (index.Length != _shape.Length) throw new IndexOutOfRangeException($"index of rank {index.Length} for an array of shape {Shape.Format(_shape)}");
        int flat = 0;
        for (int a = 0; a < index.Length; a++)
        {
            int k = index[a] < 0 ? index[a] + _shape[a] : index[a];
            if (k < 0 || k >= _shape[a]) throw new IndexOutOfRangeException($"index {index[a]} is out of bounds for axis {a} with size {_shape[a]}");
            flat = flat * _shape[a] + k;
        }
        return flat;
    }

    /// <summary>The same elements in a new shape; one dimension may be -1.</summary>
    public NDArray reshape(params int[] shape)
    {
        int[] resolved = ResolveReshape(Size, shape, "reshape");
        var result = new NDArray(DType, resolved);
        System.Array.Copy(Data, result.Data, Size);
        return result;
    }

    /// <summary>Shorthand for the transpose of a 2-D array, as NumPy's <c>.T</c>.</summary>
    public NDArray T => np.transpose(this);

    public NDArray Copy()
    {
        var result = new NDArray(DType, (int[])_shape.Clone()) { SummaryRecords = SummaryRecords };
        System.Array.Copy(Data, result.Data, Size);
        return result;
    }

    internal static int[] ResolveReshape(int size, ReadOnlySpan<int> shape, string what)
    {
        int[] resolved = shape.ToArray();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException($"{what}: can only infer one dimension, got shape {Shape.Format(shape)}");
                unknown = i;
            }
            else if (resolved[i] < 0) throw new ArgumentException($"{what}: invalid dimension {resolved[i]}");
            else known *= resolved[i];
        }
        if (unknown >= 0)
        {
            if (known == 0 || size % known != 0) throw new ArgumentException($"{what}: cannot reshape array of size {size} into shape {Shape.Format(shape)}");
            resolved[unknown] = (int)(size / known);
        }
        else if (known != size) throw new ArgumentException($"{what}: cannot reshape array of size {size} into shape {Shape.Format(shape)}");
        return resolved;
    }

    internal static int ShapeSize(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"shape {Shape.Format(shape)} has a negative dimension");
            n *= d;
            if (n > System.Array.MaxLength) throw new ArgumentException($"shape {Shape.Format(shape)} is too large for one array");
        }
        return (int)n;
    }

    /// <summary>Same dtype, shape and elements (NaN equals NaN).</summary>
    public bool Equals(NDArray? other)
    {
        if (other is null || other.DType != DType || !other.ShapeSpan.SequenceEqual(ShapeSpan)) return false;
        for (int i = 0; i < Size; i++)
        {
            double a = GetDouble(i), b = other.GetDouble(i);
            if (!(a == b || (double.IsNaN(a) && double.IsNaN(b)))) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as NDArray);
    public override int GetHashCode() => HashCode.Combine(DType, Size);

    /// <summary>NumPy's <c>allclose</c>: same shape and |a - b| &lt;= atol + rtol * |b| element-wise.</summary>
    public bool AllClose(NDArray other, double rtol = 1e-5, double atol = 1e-8)
    {
        if (!other.ShapeSpan.SequenceEqual(ShapeSpan)) return false;
        for (int i = 0; i < Size; i++)
        {
            double a = GetDouble(i), b = other.GetDouble(i);
            if (double.IsNaN(a) || double.IsNaN(b)) return false;
            if (a == b) continue;
            if (Math.Abs(a - b) > atol + rtol * Math.Abs(b)) return false;
        }
        return true;
    }

    public static explicit operator float(NDArray a) => (float)a.Scalar();
    public static explicit operator double(NDArray a) => a.Scalar();
    public static explicit operator int(NDArray a) => (int)a.Scalar();
    public static explicit operator long(NDArray a) => (long)a.Scalar();

    private double Scalar() => Size == 1 ? GetDouble(0) : throw new InvalidCastException($"only size-1 arrays convert to a scalar; this one has shape {Shape.Format(_shape)}");

    public static implicit operator NDArray(float value) => np.array(value);
    public static implicit operator NDArray(double value) => np.array(value);
    public static implicit operator NDArray(int value) => np.array(value);
    public static implicit operator NDArray(long value) => np.array(value);
    public static implicit operator NDArray(bool value) => np.array(value);
    public static implicit operator NDArray(float[] values) => np.array(values);
    public static implicit operator NDArray(double[] values) => np.array(values);
    public static implicit operator NDArray(int[] values) => np.array(values);
    public static implicit operator NDArray(long[] values) => np.array(values);
    public static implicit operator NDArray(float[,] values) => np.array(values);
    public static implicit operator NDArray(double[,] values) => np.array(values);
    public static implicit operator NDArray(int[,] values) => np.array(values);
}

public sealed partial class NDArray
{
    /// <summary>What fetching an operation yields (TensorFlow returns None); prints "None".</summary>
    public static readonly NDArray None = new(DType.Float32, [0]);

    private bool IsNone => ReferenceEquals(this, None);
}
