using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// NumPy's arithmetic and comparison operators, element-wise with broadcasting. <c>==</c> keeps .NET
/// reference semantics (collections and dictionaries rely on it); use <c>np.equal</c> /
/// <c>np.not_equal</c> for NumPy's element-wise equality.
/// </summary>
public sealed partial class NDArray
{
    public static NDArray operator +(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Add, a, b);
    public static NDArray operator -(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Subtract, a, b);
    public static NDArray operator *(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Multiply, a, b);
    public static NDArray operator /(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.TrueDivide, a, b);
    public static NDArray operator %(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Remainder, a, b);
    public static NDArray operator &(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.And, a, b);
    public static NDArray operator |(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Or, a, b);
    public static NDArray operator ^(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Xor, a, b);
    public static NDArray operator <(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Less, a, b);
    public static NDArray operator >(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.Greater, a, b);
    public static NDArray operator <=(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.LessEqual, a, b);
    public static NDArray operator >=(NDArray a, NDArray b) => Ufunc.Binary(UfuncOp.GreaterEqual, a, b);

    public static NDArray operator -(NDArray a) => np.negative(a);
    public static NDArray operator +(NDArray a) => a.copy();

    /// <summary>NumPy's <c>~</c>: logical not for bool arrays, bitwise not for integers.</summary>
    public static NDArray operator ~(NDArray a) => np.invert(a);

    // NumPy-named members (TF.NET / NumSharp spell these in lower case).
    public Shape shape => Shape;
    public int ndim => Rank;
    public int size => Size;
    public DType dtype => DType;

    public NDArray astype(DType dtype) => np.astype(this, dtype);
    public NDArray copy() => Copy();
    public NDArray flatten() => new(DType, [Size], ContiguousCopyData());
    public NDArray ravel() => reshape(-1);
    public NDArray transpose(params int[] axes) => np.transpose(this, axes);
    public NDArray squeeze(int? axis = null) => np.squeeze(this, axis);
    public NDArray reshape(Shape shape) => reshape(shape.ToArray());
    public NDArray sum(int? axis = null, bool keepdims = false) => np.sum(this, axis, keepdims);
    public NDArray mean(int? axis = null, bool keepdims = false) => np.mean(this, axis, keepdims);
    public NDArray std(int? axis = null, bool keepdims = false) => np.std(this, axis, keepdims);
    public NDArray max(int? axis = null, bool keepdims = false) => np.max(this, axis, keepdims);
    public NDArray min(int? axis = null, bool keepdims = false) => np.min(this, axis, keepdims);
    public NDArray argmax(int? axis = null) => np.argmax(this, axis);
    public NDArray argmin(int? axis = null) => np.argmin(this, axis);
    public NDArray dot(NDArray other) => np.dot(this, other);
}
