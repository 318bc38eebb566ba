using System.Runtime.CompilerServices;
using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// Strided views: basic slicing, transposes and reshapes share their base's storage like NumPy's.
/// A view keeps an element offset and per-axis element strides; dense arrays keep
/// <c>_strides == null</c> so every engine path stays a plain array walk.
/// </summary>
public sealed partial class NDArray
{
    private int _offset;
    private int[]? _strides;
    private bool _weakScalar;

    /// <summary>A view over <paramref name="data"/>; <paramref name="strides"/> null means dense row-major from
    /// 0.</summary>
    private NDArray(DType dtype, int[] shape, Array data, int offset, int[]? strides, NDArray? viewOf)
        : this(dtype, shape, data, view: true)
    {
        _offset = offset;
        _strides = strides is null && offset == 0 ? null : strides ?? RowMajorStrides(shape);
        @base = viewOf?.@base ?? viewOf;
    }

    /// <summary>The array whose storage this one shares (NumPy's <c>a.base</c>), or null if it owns its data.</summary>
    public NDArray? @base { get; private set; }

    /// <summary>True when the elements lie dense and row-major in their own storage from position 0.</summary>
    public bool IsContiguous => _strides is null;

    internal int Offset => _offset;

    /// <summary>Per-axis element strides (row-major for dense arrays).</summary>
    internal int[] ElementStrides => _strides ?? RowMajorStrides(_shape);

    /// <summary>The shared storage, to be indexed through <see cref="Offset"/> and <see
    /// cref="ElementStrides"/>.</summary>
    internal Array Storage => _data;

    /// <summary>Marks a 0-d array made from a C# literal: it takes part in promotion like a Python scalar.</summary>
    internal NDArray AsWeakScalar()
    {
        _weakScalar = true;
        return this;
    }

    internal bool IsWeakScalar => _weakScalar;

    internal static NDArray ViewOf(NDArray source, int[] shape, int offset, int[] strides)
        => new(source.DType, shape, source._data, offset, strides, source);

    internal static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            strides[a] = s;
            s *= Math.Max(shape[a], 1);
        }
        return strides;
    }

    /// <summary>The storage position of the element at a logical row-major index.</summary>
    internal int PositionOf(int flatIndex)
    {
        if (_strides is null) return flatIndex;
        int pos = _offset;
        for (int a = _shape.Length - 1; a >= 0; a--)
        {
            int d = _shape[a];
            pos += flatIndex % d * _strides[a];
            flatIndex /= d;
        }
        return pos;
    }

    /// <summary>Storage positions of all elements in row-major order, optionally broadcast to <paramref
    /// name="outShape"/>.</summary>
    internal int[] Positions(int[]? outShape = null)
    {
        int[] shape = outShape ?? _shape;
        int[] strides = BroadcastStrides(shape);
        var positions = new int[ShapeSize(shape)];
        if (positions.Length == 0) return positions;
        var index = new int[shape.Length];
        int pos = _offset;
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = pos;
            for (int a = shape.Length - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) { pos += strides[a]; break; }
                pos -= strides[a] * (shape[a] - 1);
                index[a] = 0;
            }
        }
        return positions;
    }

    /// <summary>This array's strides seen from a broadcast shape: 0 along stretched or new axes.</summary>
    internal int[] BroadcastStrides(int[] outShape)
    {
        int[] own = ElementStrides;
        var strides = new int[outShape.Length];
        int lead = outShape.Length - _shape.Length;
        if (lead < 0)
            throw new ArgumentException($"cannot broadcast shape {Shape.Format(_shape)} to {Shape.Format(outShape)}");
        for (int a = 0; a < _shape.Length; a++)
        {
            if (_shape[a] == outShape[lead + a])
                strides[lead + a] = _shape[a] == 1 ? 0 : own[a];
            else if (_shape[a] == 1)
                strides[lead + a] = 0;
            else
                throw new ArgumentException(
                    $"could not broadcast input array from shape "
                        + $"{Shape.Format(_shape)} into shape {Shape.Format(outShape)}"
                );
        }
        return strides;
    }

    private void Detach()
    {
        _data = ContiguousCopyData();
        _strides = null;
        _offset = 0;
        @base = null;
    }

    /// <summary>A dense row-major copy of the elements.</summary>
    internal Array ContiguousCopyData()
    {
        Array result = DType.NewArray(Size);
        if (_strides is null)
        {
            System.Array.Copy(_data, result, Size);
            return result;
        }
        int[] positions = Positions();
        Elements.Gather(_data, positions, result);
        return result;
    }

    /// <summary>The element at a logical index as its own CLR type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T Get<T>(int flatIndex) => Unsafe.As<T[]>(_data)[PositionOf(flatIndex)];
}
