using System.Runtime.CompilerServices;
using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// An n-dimensional array of uint8, int32, int64, float32, float64 or bool: what a session returns
/// and what placeholders are fed with. Arrays the engine makes are dense and row-major; NumPy-style
/// basic slicing makes strided views (see NDArray.Views.cs) that share their base's storage.
/// </summary>
public sealed partial class NDArray : IEquatable<NDArray>
{
    private int[] _shape;

    private Array _data;

    internal NDArray(DType dtype, int[] shape, Array data)
    {
        DType = dtype;
        _shape = shape;
        _data = data;
        int size = ShapeSize(shape);
        if (data.Length < size) throw new ArgumentException($"data has {data.Length} elements but shape {Shape.Format(shape)} needs {size}");
    }

    private NDArray(DType dtype, int[] shape, Array data, bool view)
    {
        DType = dtype;
        _shape = shape;
        _data = data;
    }

    /// <summary>A shape without storage yet: aliasing kernels point it at another array's data each run.</summary>
    internal static NDArray View(DType dtype, int[] shape) => new(dtype, shape, dtype.NewArray(0), view: true);

    internal NDArray(DType dtype, int[] shape) : this(dtype, shape, dtype.NewArray(ShapeSize(shape))) { }

    public DType DType { get; }

    /// <summary>
    /// The dense row-major elements. Kernels swap it for aliasing views (reshape, identity). A strided
    /// view hands out a fresh dense copy, so the engine only ever sees row-major data; one null check
    /// is all a contiguous array pays.
    /// </summary>
    internal Array Data
    {
        get => _strides is null ? _data : ContiguousCopyData();
        set
        {
            _data = value;
            _strides = null;
            _offset = 0;
        }
    }

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
        // A span needs dense storage: a strided view detaches into its own dense copy (no longer
        // sharing its base), which is what callers got before views existed.
        if (_strides is not null) Detach();
        return Unsafe.As<T[]>(_data).AsSpan(0, Size);
    }

    /// <summary>
    /// Unchecked typed access for kernels whose plan already validated the dtype. The element count is a plain
    /// product: the shape was checked when the array was made, and kernels call this for every input on every run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Span<T>()
    {
        int[] shape = _shape;
        int n = 1;
        for (int i = 0; i < shape.Length; i++) n *= shape[i];
        return Unsafe.As<T[]>(Data).AsSpan(0, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Array<T>() => Unsafe.As<T[]>(Data);

    public T[] ToArray<T>()
    {
        if (DTypes.Of<T>() != DType) throw new InvalidCastException($"array has dtype {DType.Name()}, not {DTypes.Of<T>().Name()}");
        return _strides is null ? Unsafe.As<T[]>(_data).AsSpan(0, Size).ToArray() : Unsafe.As<T[]>(ContiguousCopyData());
    }

    /// <summary>The elements converted to double (bools as 0/1).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Size];
        for (int i = 0; i < result.Length; i++) result[i] = GetDouble(i);
        return result;
    }

    /// <summary>The element at a logical row-major position, as double.</summary>
    internal double GetDouble(int flatIndex) => Elements.ReadDouble(_data, DType, _strides is null ? flatIndex : PositionOf(flatIndex));

    internal void SetDouble(int flatIndex, double value) => Elements.WriteDouble(_data, DType, _strides is null ? flatIndex : PositionOf(flatIndex), value);

    /// <summary>The element at a flat (row-major) position, as double: NumPy's <c>a.item(i)</c>.</summary>
    public double item(int flatIndex) => flatIndex >= 0 && flatIndex < Size
        ? GetDouble(flatIndex)
        : throw new IndexOutOfRangeException($"index {flatIndex} is out of bounds for size {Size}");

    /// <summary>The element at a full index, as double.</summary>
    public double GetDouble(params int[] index) => GetDouble(FlatIndex(index));

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
        // NumPy returns a view when it can; a contiguous array always can, a strided one is copied.
        if (_strides is null) return new NDArray(DType, resolved, _data, 0, null, this);
        return new NDArray(DType, resolved, ContiguousCopyData());
    }

    /// <summary>Shorthand for the transpose of a 2-D array, as NumPy's <c>.T</c>.</summary>
    public NDArray T => np.transpose(this);

    public NDArray Copy()
    {
        var result = new NDArray(DType, (int[])_shape.Clone(), ContiguousCopyData()) { SummaryRecords = SummaryRecords };
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

    // Implicit, as in TensorFlow.NET, so `float c = sess.run(cost)` and `(_, float c) = sess.run((train, cost))` compile;
    // each throws unless the array has exactly one element, as NumPy's float(a) does. The price, shared with
    // TensorFlow.NET: Console.WriteLine(array) no longer binds to WriteLine(object); print(array) or ToString() does.
    public static implicit operator float(NDArray a) => a.Size == 1 && a.DType == DType.Float32 ? a.Get<float>(0) : (float)a.Scalar();
    public static implicit operator double(NDArray a) => a.Scalar();
    public static implicit operator int(NDArray a) => a.Size == 1 && a.DType == DType.Int32 ? a.Get<int>(0) : (int)a.Scalar();
    public static implicit operator long(NDArray a) => a.Size == 1 && a.DType == DType.Int64 ? a.Get<long>(0) : (long)a.Scalar();
    public static implicit operator bool(NDArray a) => a.Scalar() != 0;
    public static explicit operator byte(NDArray a) => (byte)a.Scalar();

    private double Scalar() => Size == 1 ? GetDouble(0) : throw new InvalidCastException($"only size-1 arrays convert to a scalar; this one has shape {Shape.Format(_shape)}");

    // C# literals in arithmetic act like Python scalars: value-based casting, so f32 * 2.0 stays float32.
    public static implicit operator NDArray(float value) => np.array(value).AsWeakScalar();
    public static implicit operator NDArray(double value) => np.array(value).AsWeakScalar();
    public static implicit operator NDArray(int value) => np.array(value).AsWeakScalar();
    public static implicit operator NDArray(long value) => np.array(value).AsWeakScalar();
    public static implicit operator NDArray(bool value) => np.array(value).AsWeakScalar();
    public static implicit operator NDArray(byte[] values) => np.array(values);
    public static implicit operator NDArray(bool[] values) => np.array(values);
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
