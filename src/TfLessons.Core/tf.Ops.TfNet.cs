using TfLessons.Ops;

#pragma warning disable IDE1006
namespace TfLessons;

/// <summary>The array and math builders TensorFlow.NET graph programs and TF1 notebooks call, under TensorFlow 1's
/// names.</summary>
public static partial class tf
{
    public static Tensor abs(Tensor x, string? name = null) => MathOps.Abs(x, name);
    public static Tensor sign(Tensor x, string? name = null) => MathOps.Sign(x, name);
    public static Tensor log1p(Tensor x, string? name = null) => MathOps.Log1p(x, name);
    public static Tensor expm1(Tensor x, string? name = null) => MathOps.Expm1(x, name);

    public static Tensor argmin(Tensor x, int axis = 0, string? name = null, DType? output_type = null) =>
        ReduceOps.ArgMin(x, axis, name, output_type);

    /// <summary>TensorFlow 1's deprecated spellings of argmax and argmin (the axis called dimension).</summary>
    public static Tensor arg_max(Tensor x, int dimension, string? name = null, DType? output_type = null) =>
        ReduceOps.ArgMax(x, dimension, name, output_type);

    public static Tensor arg_min(Tensor x, int dimension, string? name = null, DType? output_type = null) =>
        ReduceOps.ArgMin(x, dimension, name, output_type);

    public static Tensor reduce_prod(
        Tensor x,
        int[]? axis = null,
        bool keepdims = false,
        string? name = null,
        Axis? reduction_indices = null,
        bool? keep_dims = null
    ) => Reduce("Prod", x, axis, keepdims, name, reduction_indices, keep_dims);

    public static Tensor reduce_prod(
        Tensor x,
        int axis,
        bool keepdims = false,
        string? name = null,
        bool? keep_dims = null
    ) => reduce_prod(x, [axis], keepdims, name, null, keep_dims);

    public static Tensor stack(Tensor[] values, int axis = 0, string? name = null) => ArrayOps.Pack(values, axis, name);

    public static Tensor[] unstack(Tensor value, int? num = null, int axis = 0, string? name = null) =>
        ArrayOps.Unpack(value, num, axis, name);
    public static Tensor concat(Tensor[] values, int axis, string? name = null) => ArrayOps.Concat(values, axis, name);
    public static Tensor squeeze(Tensor input, int[]? axis = null, string? name = null, int[]? squeeze_dims = null) =>
        ArrayOps.Squeeze(input, Either("squeeze", "axis", axis, "squeeze_dims", squeeze_dims), name);
    public static Tensor squeeze(Tensor input, int axis, string? name = null) => ArrayOps.Squeeze(input, [axis], name);

    public static Tensor gather(Tensor @params, Tensor indices, int axis = 0, string? name = null) =>
        ArrayOps.Gather(@params, indices, axis, name);

    public static Tensor tile(Tensor input, int[] multiples, string? name = null) =>
        ArrayOps.Tile(input, multiples, name);

    /// <summary>Multiples from a tensor: a constant one (as TF's constant folding sees it) tiles statically, with a
    /// gradient.</summary>
    public static Tensor tile(Tensor input, Tensor multiples, string? name = null) =>
        ConstantInts(multiples, "Tile", "multiples") is int[] known
            ? ArrayOps.Tile(input, known, name)
            : Build.One("Tile.dynamic", [input, multiples], input.DType, name ?? "Tile");

    /// <summary>The target shape from a tensor; a constant one reshapes statically, with a gradient.</summary>
    public static Tensor reshape(Tensor x, Tensor shape, string? name = null) =>
        ConstantInts(shape, "Reshape", "shape") is int[] known
            ? ArrayOps.Reshape(x, known, name)
            : Build.One("Reshape.dynamic", [x, shape], x.DType, name ?? "Reshape");

    /// <summary>TF1's <c>tf.shape</c>, <c>tf.size</c> and <c>tf.rank</c>: a tensor's dynamic shape, element count and
    /// rank.</summary>
    public static Tensor shape(Tensor input, string? name = null, DType out_type = DType.Int32) =>
        ShapeOf("Shape", input, name, out_type);

    public static Tensor size(Tensor input, string? name = null, DType out_type = DType.Int32) =>
        ShapeOf("Size", input, name, out_type);
    public static Tensor rank(Tensor input, string? name = null) => ShapeOf("Rank", input, name, DType.Int32);

    private static Tensor ShapeOf(string type, Tensor input, string? name, DType outType)
    {
        if (outType is not (DType.Int32 or DType.Int64))
            throw new ArgumentException(
                $"Value passed to parameter 'out_type' of '{type}' Op has DataType "
                    + $"{outType.Name()} not in list of allowed values: int32, int64"
            );
        ShapeOps.ShapeOfAttrs? attrs = type == "Rank" ? null : new ShapeOps.ShapeOfAttrs(outType);
        return Build.One(type, [input], outType, name ?? type, attrs);
    }

    /// <summary>TensorFlow.NET's old name of <see cref="matmul"/> for rank 3 and above (BatchMatMulV2).</summary>
    public static Tensor batch_matmul(
        Tensor x,
        Tensor y,
        bool adj_x = false,
        bool adj_y = false,
        string? name = null
    ) => MatMulOps.BatchMatMul(x, y, adj_x, adj_y, name);

    /// <summary>TensorFlow.NET's <c>constant(float value, int shape)</c>: a vector of <paramref name="shape"/>
    /// copies.</summary>
    public static Tensor constant(float value, int shape, string? name = null) =>
        constant(np.array(value), name: name, shape: new Shape(shape));

    public static Tensor is_finite(Tensor x, string? name = null) => LogicOps.IsFinite(x, name);

    /// <summary>
    /// log(sum(exp(x))) over <paramref name="axis"/>, as TensorFlow composes it: the maximum (zero where it is not
    /// finite) is subtracted before exp and added back, without a gradient through it.
    /// </summary>
    public static Tensor reduce_logsumexp(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null)
    {
        Tensor rawMax = reduce_max(x, axis, keepdims: true);
        Tensor max = stop_gradient(where(is_finite(rawMax), rawMax, ArrayOps.ZerosLike(rawMax)));
        Tensor result = log(reduce_sum(exp(x - max), axis, keepdims));
        if (!keepdims) max = ArrayOps.ReshapeLike(max, result);
        return add(result, max, name: name);
    }

    public static Tensor reduce_logsumexp(Tensor x, int axis, bool keepdims = false, string? name = null) =>
        reduce_logsumexp(x, [axis], keepdims, name);

    /// <summary>A tensor stays as it is (its dtype checked); an array becomes a constant.</summary>
    public static Tensor convert_to_tensor(Tensor value, DType? dtype = null, string? name = null)
    {
        if (dtype is DType d && d != value.DType)
            throw new ArgumentException(
                $"Tensor conversion requested dtype {d.Name()} for Tensor with dtype {value.DType.Name()}: {value.Name}"
            );
        return value;
    }

    public static Tensor convert_to_tensor(NDArray value, DType? dtype = null, string? name = null) =>
        constant(value, dtype, name ?? "Const");

    /// <summary>
    /// The value of a vector argument when it follows from constants and known shapes (<see cref="ShapeValues"/>, as
    /// TensorFlow's constant folding sees it), else null; a tensor that is not an int32 or int64 vector is refused as
    /// TensorFlow refuses it.
    /// </summary>
    private static int[]? ConstantInts(Tensor t, string op, string argument)
    {
        if (t.DType is not (DType.Int32 or DType.Int64))
            throw new ArgumentException(
                $"Value passed to parameter '{argument}' of '{op}' Op has DataType "
                    + $"{t.DType.Name()} not in list of allowed values: int32, int64 ({t.Name})"
            );
        if (!t.shape.IsUnknownRank && t.shape.Rank > 1)
            throw new ArgumentException($"{op}: '{argument}' must be a vector, not shape {t.shape} ({t.Name})");
        try
        {
            return ShapeValues.TryGetInts(t);
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"{op}: '{argument}' value out of range ({t.Name})");
        }
    }

    private static Tensor Reduce(
        string type,
        Tensor x,
        int[]? axis,
        bool keepdims,
        string? name,
        Axis? reductionIndices,
        bool? keepDims
    ) =>
        ReduceOps.Reduce(
            type,
            x,
            Either("reduce_" + type.ToLowerInvariant(), "axis", axis, "reduction_indices", reductionIndices?.Values),
            keepDims ?? keepdims,
            name
        );

    private static int[]? Either(string function, string newName, int[]? value, string oldName, int[]? old)
    {
        if (value is not null && old is not null)
            throw new ArgumentException($"{function}: Can not specify both '{newName}' and '{oldName}'.");
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
        if (value.Size > size)
            throw new ArgumentException(
                $"constant: Too many elements provided. Needed at most {size}, but received {value.Size}"
            );
        var result = new NDArray(value.DType, dims);
        if (value.Size == 0) return result;
        Array.Copy(value.Data, result.Data, value.Size);
        for (int i = value.Size; i < size; i++) Array.Copy(value.Data, value.Size - 1, result.Data, i, 1);
        return result;
    }
}
