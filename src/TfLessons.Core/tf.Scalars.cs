using TfLessons.Ops;

namespace TfLessons;

/// <summary>
/// Binary ops with a C# number on one side: the number becomes a constant of the tensor's dtype, as TensorFlow converts
/// a Python number (<c>tf.pow(x, 2)</c>, <c>tf.maximum(z, 0)</c>).
/// </summary>
public static partial class tf
{
    /// <summary>A string constant (TF's DT_STRING scalar): <c>sess.run(tf.constant("Hello"))</c> prints
    /// <c>b'Hello'</c>.</summary>
    public static Tensor constant(string value, string? name = null) => StateOps.Const(NDArray.FromString(value), name);

    public static Tensor add(Tensor x, double y, string? name = null) => add(x, Constants.Like(x, y), name);
    public static Tensor add(double x, Tensor y, string? name = null) => add(Constants.Like(y, x), y, name);
    public static Tensor subtract(Tensor x, double y, string? name = null) => subtract(x, Constants.Like(x, y), name);
    public static Tensor subtract(double x, Tensor y, string? name = null) => subtract(Constants.Like(y, x), y, name);
    public static Tensor multiply(Tensor x, double y, string? name = null) => multiply(x, Constants.Like(x, y), name);
    public static Tensor multiply(double x, Tensor y, string? name = null) => multiply(Constants.Like(y, x), y, name);
    public static Tensor divide(Tensor x, double y, string? name = null) => divide(x, Constants.Like(x, y), name);
    public static Tensor divide(double x, Tensor y, string? name = null) => divide(Constants.Like(y, x), y, name);
    public static Tensor pow(Tensor x, double y, string? name = null) => pow(x, Constants.Like(x, y), name);
    public static Tensor pow(double x, Tensor y, string? name = null) => pow(Constants.Like(y, x), y, name);
    public static Tensor maximum(Tensor x, double y, string? name = null) => maximum(x, Constants.Like(x, y), name);
    public static Tensor maximum(double x, Tensor y, string? name = null) => maximum(Constants.Like(y, x), y, name);
    public static Tensor minimum(Tensor x, double y, string? name = null) => minimum(x, Constants.Like(x, y), name);
    public static Tensor minimum(double x, Tensor y, string? name = null) => minimum(Constants.Like(y, x), y, name);
    public static Tensor equal(Tensor x, double y, string? name = null) => equal(x, Constants.Like(x, y), name);
    public static Tensor greater(Tensor x, double y, string? name = null) => greater(x, Constants.Like(x, y), name);
    public static Tensor less(Tensor x, double y, string? name = null) => less(x, Constants.Like(x, y), name);
}
