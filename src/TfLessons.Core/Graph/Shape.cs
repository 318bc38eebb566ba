using System.Text;

namespace TfLessons;

/// <summary>
/// A possibly partially known shape: dimensions of -1 are unknown (printed <c>?</c>), and a shape of
/// unknown rank has <see cref="Dims"/> null. Immutable.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    public static readonly Shape Scalar = new(Array.Empty<int>());
    public static readonly Shape Unknown = new((int[]?)null);

    private readonly int[]? _dims;

    public Shape(params int[]? dims)
    {
        if (dims is not null)
        {
            foreach (int d in dims)
            {
                if (d < -1)
                    throw new ArgumentException(
                        $"invalid dimension {d} in shape [{string.Join(",", dims)}]: "
                            + $"dimensions are >= 0 or -1 for unknown"
                    );
            }
        }
        _dims = dims is null ? null : (int[])dims.Clone();
    }

    /// <summary>The dimensions, or null when the rank is unknown.</summary>
    public IReadOnlyList<int>? Dims => _dims;

    public bool IsUnknownRank => _dims is null;
    public int Rank => _dims?.Length ?? throw new InvalidOperationException("shape has unknown rank");
    public int this[int axis] => _dims is null ? -1 : _dims[axis < 0 ? axis + _dims.Length : axis];
    public bool IsFullyDefined => _dims is not null && Array.IndexOf(_dims, -1) < 0;

    /// <summary>Number of elements; only for fully defined shapes.</summary>
    public int Size
    {
        get
        {
            if (!IsFullyDefined) throw new InvalidOperationException($"shape {this} is not fully defined");
            long n = 1;
            foreach (int d in _dims!)
                n *= d;
            if (n > Array.MaxLength)
                throw new InvalidOperationException($"shape {this} has {n} elements, more than an array can hold");
            return (int)n;
        }
    }

    internal int[] ToArray() =>
        _dims is null ? throw new InvalidOperationException("shape has unknown rank") : (int[])_dims.Clone();
    internal ReadOnlySpan<int> AsSpan() => _dims ?? throw new InvalidOperationException("shape has unknown rank");

    /// <summary>True when the two shapes could describe the same value (unknown dimensions match anything).</summary>
    public bool IsCompatibleWith(Shape other)
    {
        if (_dims is null || other._dims is null) return true;
        if (_dims.Length != other._dims.Length) return false;
        for (int i = 0; i < _dims.Length; i++)
        {
            if (_dims[i] != -1 && other._dims[i] != -1 && _dims[i] != other._dims[i]) return false;
        }
        return true;
    }

    /// <summary>The most specific shape compatible with both (TensorFlow's <c>merge_with</c>).</summary>
    public Shape MergeWith(Shape other)
    {
        if (_dims is null) return other;
        if (other._dims is null) return this;
        if (!IsCompatibleWith(other)) throw new ArgumentException($"Shapes {this} and {other} are not compatible");
        var merged = new int[_dims.Length];
        for (int i = 0; i < merged.Length; i++) merged[i] = _dims[i] != -1 ? _dims[i] : other._dims[i];
        return new Shape(merged);
    }

    public bool Equals(Shape? other)
    {
        if (other is null) return false;
        if (_dims is null || other._dims is null) return _dims is null && other._dims is null;
        return _dims.AsSpan().SequenceEqual(other._dims);
    }

    internal bool SameDims(ReadOnlySpan<int> dims) => _dims is not null && _dims.AsSpan().SequenceEqual(dims);

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        if (_dims is null) return -1;
        foreach (int d in _dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>TensorFlow's tuple form: <c>()</c>, <c>(3,)</c>, <c>(?, 3)</c>, <c>&lt;unknown&gt;</c>.</summary>
    public override string ToString()
    {
        if (_dims is null) return "<unknown>";
        if (_dims.Length == 1) return $"({Dim(_dims[0])},)";
        return "(" + string.Join(", ", _dims.Select(Dim)) + ")";
    }

    /// <summary>The list form used in shape-inference errors: <c>[?,3]</c>.</summary>
    public string ToListString() => _dims is null ? "?" : "[" + string.Join(",", _dims.Select(Dim)) + "]";

    private static string Dim(int d) => d == -1 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static implicit operator Shape(int[] dims) => new(dims);
    public static implicit operator Shape(int dim) => new(dim);
    public static implicit operator Shape((int, int) dims) => new(dims.Item1, dims.Item2);
    public static implicit operator Shape((int, int, int) dims) => new(dims.Item1, dims.Item2, dims.Item3);

    public static implicit operator Shape((int, int, int, int) dims) =>
        new(dims.Item1, dims.Item2, dims.Item3, dims.Item4);

    internal static string Format(ReadOnlySpan<int> dims)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i]);
        }
        if (dims.Length == 1) sb.Append(',');
        return sb.Append(')').ToString();
    }
}
