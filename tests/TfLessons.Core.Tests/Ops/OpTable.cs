using TfLessons.Ops;

namespace TfLessons.Tests.Ops;

/// <summary>
/// The op table: one or more rows per differentiable op and per helper op. Every row is checked
/// forward against the reference kernels and, when differentiable, backward against float64 central differences.
/// </summary>
public static partial class OpTable
{
    /// <summary>Every row: the core table, the TensorFlow.NET ops' rows (OpTable.TfNet.cs), the imported-graph ops' (OpTable.Graph.cs).</summary>
    public static readonly OpCase[] Rows;

    // A static constructor runs after the field initializers of every part, so all tables exist by then.
    static OpTable() => Rows = [.. CoreRows, .. TfNetRows, .. GraphRows];

    private static int[] S(params int[] dims) => dims;

    private static readonly OpCase[] CoreRows =
    [
        new("Add", x => tf.add(x[0], x[1]), [S(2, 3), S(2, 3)]),
        new("Add", x => tf.add(x[0], x[1]), [S(4, 3), S(3)]),
        new("Add", x => tf.add(x[0], x[1]), [S(4, 1), S(1, 5)]),
        new("Add", x => tf.add(x[0], x[1]), [S(), S(2, 2)]),
        new("Add", x => tf.add(x[0], x[1]), [S(5, 3), S(5, 1)]) { Declared = [S(5, -1), S(-1, 1)] },
        new("Add", x => tf.add(x[0], x[1]), [S(0, 3), S(3)]),
        new("Sub", x => tf.subtract(x[0], x[1]), [S(3, 4), S(3, 1)]),
        new("Sub", x => tf.subtract(x[0], x[1]), [S(2, 3, 4), S(3, 1)]),
        new("Mul", x => tf.multiply(x[0], x[1]), [S(3, 4), S(4)]),
        new("Mul", x => tf.multiply(x[0], x[1]), [S(2, 1, 3), S(1, 4, 1)]),
        new("Mul", x => x[0] * x[1], [S(6), S(6)]) { Declared = [S(-1), S(-1)] },
        new("RealDiv", x => tf.divide(x[0], x[1]), [S(3, 2), S(3, 2)], Domain.Positive),
        new("RealDiv", x => tf.divide(x[0], x[1]), [S(3, 2), S(2)], Domain.Positive),
        new("Maximum", x => tf.maximum(x[0], x[1]), [S(4, 3), S(4, 3)], Domain.Distinct),
        new("Minimum", x => tf.minimum(x[0], x[1]), [S(4, 3), S(3)], Domain.Distinct),
        new("Pow", x => tf.pow(x[0], x[1]), [S(3, 2), S(3, 2)], Domain.Positive),
        new("Neg", x => tf.negative(x[0]), [S(3, 5)]),
        new("Square", x => tf.square(x[0]), [S(7)]),
        new("Sqrt", x => tf.sqrt(x[0]), [S(2, 3)], Domain.Positive),
        new("Exp", x => tf.exp(x[0]), [S(2, 3)]),
        new("Log", x => tf.log(x[0]), [S(4)], Domain.Positive),
        new("Relu", x => tf.nn.relu(x[0]), [S(3, 4)], Domain.AwayFromZero),
        new("Sigmoid", x => tf.sigmoid(x[0]), [S(3, 4)]),
        new("Tanh", x => tf.tanh(x[0]), [S(3, 4)]),
        new("ReluGrad", x => Build.One("ReluGrad", [x[0], x[1]], x[0].DType, null), [S(3, 3), S(3, 3)], Domain.AwayFromZero),
        new("SigmoidGrad", x => Build.One("SigmoidGrad", [x[0], x[1]], x[0].DType, null), [S(2, 3), S(2, 3)]),
        new("TanhGrad", x => Build.One("TanhGrad", [x[0], x[1]], x[0].DType, null), [S(2, 3), S(2, 3)]),
        new("SqrtGrad", x => Build.One("SqrtGrad", [x[0], x[1]], x[0].DType, null), [S(2, 3), S(2, 3)], Domain.Positive),
        new("AddN", x => tf.add_n([x[0], x[1], x[2]]), [S(2, 3), S(2, 3), S(2, 3)]),
        new("MatMul", x => tf.matmul(x[0], x[1]), [S(3, 4), S(4, 5)]),
        new("MatMul", x => tf.matmul(x[0], x[1], transpose_a: true), [S(4, 3), S(4, 5)]),
        new("MatMul", x => tf.matmul(x[0], x[1], transpose_b: true), [S(3, 4), S(5, 4)]),
        new("MatMul", x => tf.matmul(x[0], x[1], transpose_a: true, transpose_b: true), [S(4, 3), S(5, 4)]),
        new("MatMul", x => tf.matmul(x[0], x[1]), [S(5, 3), S(3, 2)]) { Declared = [S(-1, 3), S(3, 2)] },
        new("MatMul", x => tf.matmul(x[0], x[1]), [S(0, 3), S(3, 2)]),
        new("Sum", x => tf.reduce_sum(x[0]), [S(3, 4)]),
        new("Sum", x => tf.reduce_sum(x[0], 1), [S(3, 4)]),
        new("Sum", x => tf.reduce_sum(x[0], 0, keepdims: true), [S(3, 4)]),
        new("Sum", x => tf.reduce_sum(x[0], [0, 2]), [S(2, 3, 4)]),
        new("Sum", x => tf.reduce_sum(x[0], 1), [S(4, 3)]) { Declared = [S(-1, 3)] },
        new("Mean", x => tf.reduce_mean(x[0]), [S(3, 4)]),
        new("Mean", x => tf.reduce_mean(x[0], -1, keepdims: true), [S(2, 3, 4)]),
        new("Max", x => tf.reduce_max(x[0], 1), [S(3, 4)], Domain.Distinct),
        new("Max", x => tf.reduce_max(x[0]), [S(2, 5)], Domain.Distinct),
        new("Min", x => tf.reduce_min(x[0], [0]), [S(3, 4)], Domain.Distinct),
        new("Reshape", x => tf.reshape(x[0], [3, -1]), [S(2, 6)]),
        new("Reshape", x => tf.reshape(x[0], [-1]), [S(2, 3)]) { Declared = [S(-1, 3)] },
        new("Transpose", x => tf.transpose(x[0]), [S(3, 5)]),
        new("Transpose", x => tf.transpose(x[0], [1, 2, 0]), [S(2, 3, 4)]),
        new("StridedSlice", x => x[0][1], [S(3, 4)]),
        new("StridedSlice", x => x[0][0][2], [S(3, 4)]),
        new("StridedSlice", x => x[0][-1], [S(3, 2)]),
        new("StridedSlice", x => x[0][1, null], [S(4, 2)]),
        new("StridedSlice", x => tf.strided_slice(x[0], [0, 3], [0, 0], [1, -1], begin_mask: 1, end_mask: 3), [S(3, 5)]),
        new("Cast", x => tf.cast(tf.cast(x[0], tf.float32), tf.float64), [S(2, 3)]),
        new("Identity", x => tf.identity(x[0]), [S(2, 3)]),
        new("StopGradient", x => tf.stop_gradient(x[0]), [S(4)], Differentiable: false),
        new("SumToShape", x => ArrayOps.SumToShape(x[0], x[1]), [S(3, 4), S(4)]),
        new("SumToShape", x => ArrayOps.SumToShape(x[0], x[1]), [S(2, 3, 4), S(3, 1)]),
        new("BroadcastToLike", x => ArrayOps.BroadcastToLike(x[0], x[1]), [S(3, 1), S(3, 4)]),
        new("BroadcastReduced", x => ReduceOps.BroadcastReduced(x[0], x[1], tf.reduce_mean(x[1], 1).Op, mean: true), [S(3), S(3, 4)]),
        new("StridedSliceGrad", x => Build.One("StridedSliceGrad", [x[0], x[1]], x[0].DType, null, SliceAttrs()), [S(4), S(3, 4)]),
        new("ZerosLike", x => tf.zeros_like(x[0]), [S(2, 2)], Differentiable: false),
        new("OnesLike", x => tf.ones_like(x[0]), [S(2, 2)], Differentiable: false),
        new("Fill", x => tf.fill((2, 3), 1.5, x[0].DType), [S(2, 3)], Differentiable: false),
        new("Equal", x => tf.equal(x[0], x[1]), [S(3, 3), S(3)], Differentiable: false),
        new("Greater", x => tf.greater(x[0], x[1]), [S(3, 3), S(3, 3)], Differentiable: false),
        new("LessEqual", x => tf.less_equal(x[0], x[1]), [S(2, 3), S(3)], Differentiable: false),
        new("ArgMax", x => tf.argmax(x[0], 1), [S(3, 4)], Domain.Distinct, Differentiable: false),
        new("Softmax", x => tf.nn.softmax(x[0]), [S(3, 5)]),
        new("Softmax", x => tf.nn.softmax(x[0]), [S(2, 3, 4)]),
        new("LogSoftmax", x => tf.nn.log_softmax(x[0]), [S(4, 3)]),
        new("SoftmaxCrossEntropyWithLogits", x => tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(x[1]), x[0]), [S(4, 5), S(4, 5)]),
        // Labels must be distributions (rows summing to 1): the fused backprop softmax - labels assumes it, as TensorFlow's does.
        new("SoftmaxCrossEntropyWithLogits", x => tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(x[1]), x[0]), [S(3, 6), S(3, 6)]) { Declared = [S(-1, 6), S(-1, 6)] },
        new("SigmoidCrossEntropyWithLogits", x => tf.nn.sigmoid_cross_entropy_with_logits(tf.sigmoid(x[1]), x[0]), [S(3, 4), S(3, 4)]),
        new("OneHot", x => tf.one_hot(tf.cast(tf.abs_floor(x[0]), tf.int64), 4, dtype: x[0].DType), [S(5)], Domain.Positive, Differentiable: false),
        new("OneHot", x => tf.one_hot(tf.cast(tf.abs_floor(x[0]), tf.int32), 3, 5, -1, axis: 0, dtype: x[0].DType), [S(2, 3)], Domain.Positive, Differentiable: false),
        new("ExpandDims", x => tf.expand_dims(x[0], 1), [S(3, 4)]),
        new("ExpandDims", x => tf.expand_dims(x[0], -1), [S(3)]),
        new("Select", x => tf.where(tf.greater(x[0], x[1]), x[0], x[1]), [S(3, 4), S(3, 4)], Domain.Distinct),
        // A scalar condition (the training flag's, FlagOps.SelectByFlag) picks x or y whole, as TensorFlow's Select.
        new("Select", x => FlagOps.SelectByFlag(tf.constant(true), x[0], x[1]), [S(2, 3), S(2, 3)]),
        new("Select", x => FlagOps.SelectByFlag(tf.constant(false), x[0], x[1]), [S(2, 3), S(2, 3)]),
        new("Select", x => tf.where(tf.constant(false), x[0], x[1]), [S(4), S(4)]) { Declared = [S(-1), S(-1)] },
        new("IsNan", x => tf.is_nan(tf.log(x[0])), [S(6)], Differentiable: false),
        new("Floor", x => tf.floor(x[0] * 3.0), [S(6)], Differentiable: false),
        new("ArgMax", x => tf.argmax(x[0], 0), [S(3, 4)], Domain.Distinct, Differentiable: false),
    ];

    private static ArrayOps.StridedSliceAttrs SliceAttrs() =>
        new([1], [2], [1], BeginMask: 0, EndMask: 0, ShrinkAxisMask: 1);

    public static IEnumerable<object[]> Cases() => Rows.Select((r, i) => new object[] { i, r.ToString() });

    public static IEnumerable<object[]> DifferentiableCases() => Cases().Where(c => Rows[(int)c[0]].Differentiable);

    public static IEnumerable<object[]> NonDifferentiableCases() => Cases().Where(c => !Rows[(int)c[0]].Differentiable);
}
