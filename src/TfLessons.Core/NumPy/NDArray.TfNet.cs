using System.Text;

namespace TfLessons;

/// <summary>NumSharp's <c>Data&lt;T&gt;()</c>, an extension because the engine's own storage is named Data.</summary>
public static class NDArrayData
{
    /// <summary>
    /// The elements in row-major order as <typeparamref name="T"/>, converted with NumPy's casting rules
    /// (<c>astype</c>) when the array holds another dtype.
    /// </summary>
    public static T[] Data<T>(this NDArray a) where T : unmanaged =>
        DTypes.Of<T>() == a.DType ? a.ToArray<T>() : np.astype(a, DTypes.Of<T>()).ToArray<T>();
}

/// <summary>NumSharp's and TensorFlow.NET's instance spellings on top of NumPy's.</summary>
public sealed partial class NDArray
{
    public NDArray amax(int? axis = null, bool keepdims = false) => np.amax(this, axis, keepdims);
    public NDArray amin(int? axis = null, bool keepdims = false) => np.amin(this, axis, keepdims);
    public bool array_equal(NDArray other) => np.array_equal(this, other);

    /// <summary>NumSharp's <c>argsort&lt;T&gt;()</c>: <see cref="np.argsort"/> of the array read as <typeparamref
    /// name="T"/>.</summary>
    public NDArray argsort<T>()
        where T : unmanaged => np.argsort(DTypes.Of<T>() == DType ? this : astype(DTypes.Of<T>()));

    /// <summary>
    /// The bytes of a string scalar (UTF-8, what TensorFlow holds) or of a uint8 array; TensorFlow.NET programs read
    /// a fetched string tensor with <c>(byte[])result</c>.
    /// </summary>
    public static explicit operator byte[](NDArray a) =>
        a.DType switch
        {
            DType.String when a.Size == 1 => Encoding.UTF8.GetBytes(a.ToStrings()[0]),
            DType.String => throw new InvalidCastException(
                $"(byte[]): the string array has shape {a.Shape}; only a single string converts to bytes"
            ),
            DType.UInt8 => a.ToArray<byte>(),
            _ => throw new InvalidCastException(
                $"(byte[]): the array holds {a.DType.Name()}; only strings and uint8 convert to bytes"
            ),
        };

    /// <summary>
    /// A string scalar as .NET text (TensorFlow.NET converts implicitly: <c>string s = hello.numpy();</c>); any other
    /// array as NumPy prints it, so <c>"loss: " + array</c> keeps meaning what it did.
    /// </summary>
    public static implicit operator string(NDArray a) =>
        a.DType == DType.String && a.Size == 1 ? a.ToStrings()[0] : a.ToString();
}
