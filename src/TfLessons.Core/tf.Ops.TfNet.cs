#pragma warning disable IDE1006
namespace TfLessons;

/// <summary>The array and math builders TensorFlow.NET graph programs and TF1 notebooks call, under TensorFlow 1's names.</summary>
public static partial class tf
{
    public static Tensor abs(Tensor x, string? name = null) => MathOps.Abs(x, name);
    public static Tensor sign(Tensor x, string? name = null) => MathOps.Sign(x, name);
    public static Tensor log1p(Tensor x, string? name = null) => MathOps.Log1p(x, name);
    public static Tensor expm1(Tensor x, string? name = null) => MathOps.Expm1(x, name);

    public static Tensor argmin(Tensor x, int axis = 0, string? name = null, DType? output_type = null) => ReduceOps.ArgMin(x, axis, name, output_type);

    /// <summary>TensorFlow 1's deprecated spellings of argmax and argmin (the axis called dimension).</summary>
    public static Tensor arg_max(Tensor x, int dimension, string? name = null, DType? output_type = null) => ReduceOps.ArgMax(x, dimension, name, output_type);
    public static Tensor arg_min(Tensor x, int dimension, string? name = null, DType? output_type = null) => ReduceOps.ArgMin(x, dimension, name, output_type);

    public static Tensor reduce_prod(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null, Axis? reduction_indices = null, bool? keep_dims = null) =>
        Reduce("Prod", x, axis, keepdims, name, reduction_indices, keep_dims);
    public static Tensor reduce_prod(Tensor x, int axis, bool keepdims = false, string? name = null, bool? keep_dims = null) => reduce_prod(x, [axis], keepdims, name, null, keep_dims);

    public static Tensor stack(Tensor[] values, int axis = 0, string? name = null) => ArrayOps.Pack(values, axis, name);
    public static Tensor[] unstack(Tensor value, int? num = null, int axis = 0, string? name = null) => ArrayOps.Unpack(value, num, axis, name);
    public static Tensor concat(Tensor[] values, int axis, string? name = null) => ArrayOps.Concat(values, axis, name);
    public static Tensor squeeze(Tensor input, int[]? axis = null, string? name = null, int[]? squeeze_dims = null) =>
        ArrayOps.Squeeze(input, Either("squeeze", "axis", axis, "squeeze_dims", squeeze_dims), name);
    public static Tensor squeeze(Tensor input, int axis, string? name = null) => ArrayOps.Squeeze(input, [axis], name);
    public static Tensor gather(Tensor @params, Tensor indices, int axis = 0, string? name = null) => ArrayOps.Gather(@params, indices, axis, name);
    public static Tensor tile(Tensor input, int[] multiples, string? name = null) => ArrayOps.Tile(input, multiples, name);

    /// <summary>A tensor stays as it is (its dtype checked); an array becomes a constant.</summary>
    public static Tensor convert_to_tensor(Tensor value, DType? dtype = null, string? name = null)
    {
        if (dtype is DType d && d != value.DType)
            throw new ArgumentException($"Tensor conversion requested dtype {d.Name()} for Tensor with dtype {value.DType.Name()}: {value.Name}");
        return value;
    }

    public static Tensor convert_to_tensor(NDArray value, DType? dtype = null, string? name = null) => constant(value, dtype, name ?? "Const");

    private static Tensor Reduce(string type, Tensor x, int[]? axis, bool keepdims, string? name, Axis? reductionIndices, bool? keepDims) =>
        ReduceOps.Reduce(type, x, Either("reduce_" + type.ToLowerInvariant(), "axis", axis, "reduction_indices", reductionIndices?.Values), keepDims ?? keepdims, name);

    private static int[]? Either(string function, string newName, int[]? value, string oldName, int[]? old)
    {
        if (value is not null && old is not null) throw new ArgumentException($"{function}: Can not specify both '{newName}' and '{oldName}'.");
        return value ?? old;
    }

    /// <summary>TensorFlow 1's make_tensor_proto shape rule: fewer elements are padded with the last one.</summary>
    private static NDArray ConstantShaped(NDArray value, Shape shape, bool verifyShape)
    {
        if (!shape.IsFullyDefined) throw new ArgumentException($"constant: shape {shape} must be fully defined");
        int[] dims = shape.ToArray();
        int size = NDArray.ShapeSize(dims);
        if (verifyShape && !value.ShapeSpan.SequenceEqual(dims))
            throw new ArgumentException($"constant: Expected Tensor's shape: {shape}, got {value.Shape}.");
        if (value.Size > size) throw new ArgumentException($"constant: Too many elements provided. Needed at most {size}, but received {value.Size}");
        var result = new NDArray(value.DType, dims);
        if (value.Size == 0) return result;
        Array.Copy(value.Data, result.Data, value.Size);
        for (int i = value.Size; i < size; i++) Array.Copy(value.Data, value.Size - 1, result.Data, i, 1);
        return result;
    }
}
