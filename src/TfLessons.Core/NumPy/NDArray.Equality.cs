namespace TfLessons;

/// <summary>
/// NumPy's <c>==</c> and <c>!=</c>: element-wise, with broadcasting, giving a bool array. With the implicit conversion
/// to bool, <c>if (np.argmax(a) == np.argmax(b))</c> compares the values, as in NumPy and TensorFlow.NET; a comparison
/// of larger arrays used as a condition fails like NumPy's "truth value of an array is ambiguous". A null operand
/// compares by reference, so <c>x == null</c> keeps its C# meaning.
/// </summary>
public sealed partial class NDArray
{
    public static NDArray operator ==(NDArray? a, NDArray? b) =>
        a is null || b is null ? np.array(ReferenceEquals(a, b)) : np.equal(a, b);

    public static NDArray operator !=(NDArray? a, NDArray? b) =>
        a is null || b is null ? np.array(!ReferenceEquals(a, b)) : np.not_equal(a, b);
}
