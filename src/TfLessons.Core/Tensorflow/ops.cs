#pragma warning disable IDE1006
using TfLessons;

namespace Tensorflow;

/// <summary>TensorFlow.NET's <c>ops</c> (Python's <c>tensorflow.python.framework.ops</c>) for the calls programs
/// make.</summary>
public static class ops
{
    /// <summary>A tensor as it is (its dtype checked); <see cref="DType.Invalid"/> means "keep the value's
    /// dtype".</summary>
    public static Tensor convert_to_tensor(Tensor value, DType dtype = DType.Invalid, string? name = null) =>
        tf.convert_to_tensor(value, dtype == DType.Invalid ? null : dtype, name);

    /// <summary>Arrays, .NET arrays and numbers become a constant, converted to <paramref name="dtype"/> when
    /// given.</summary>
    public static Tensor convert_to_tensor(NDArray value, DType dtype = DType.Invalid, string? name = null) =>
        tf.convert_to_tensor(value, dtype == DType.Invalid ? null : dtype, name);

    public static Graph get_default_graph() => tf.get_default_graph();

    public static void reset_default_graph() => tf.reset_default_graph();
}
