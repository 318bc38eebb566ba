using TfLessons.Ops;

namespace TfLessons.Tests.Ops;

/// <summary>Rows for the ops TensorFlow.NET graph programs use (array_ops.cc / math_ops.cc names), and their gradient helpers.</summary>
public static partial class OpTable
{
    public static readonly OpCase[] TfNetRows =
    [
        new("Abs", x => tf.abs(x[0]), [S(3, 4)], Domain.AwayFromZero),
        new("Sign", x => tf.sign(x[0]), [S(2, 5)], Domain.AwayFromZero),
        new("Log1p", x => tf.log1p(x[0]), [S(2, 3)], Domain.Positive),
        new("Expm1", x => tf.expm1(x[0]), [S(7)]),
        new("ArgMin", x => tf.argmin(x[0], 1), [S(3, 4)], Domain.Distinct, Differentiable: false),
        new("ArgMin", x => tf.arg_min(x[0], 0, output_type: tf.int32), [S(3, 4)], Domain.Distinct, Differentiable: false),
        new("ArgMax", x => tf.arg_max(x[0], -1), [S(2, 3, 4)], Domain.Distinct, Differentiable: false),
        new("Prod", x => tf.reduce_prod(x[0], 1), [S(3, 4)]),
        new("Prod", x => tf.reduce_prod(x[0]), [S(2, 3)]),
        new("Prod", x => tf.reduce_prod(x[0], reduction_indices: new[] { 0, 2 }, keep_dims: true), [S(2, 3, 2)]),
        new("Sum", x => tf.reduce_sum(x[0], reduction_indices: 1, keep_dims: true), [S(3, 4)]),
        new("Mean", x => tf.reduce_mean(x[0], -1), [S(2, 3, 4)]) { Declared = [S(-1, 3, -1)] },
        new("Min", x => tf.reduce_min(x[0], 0), [S(3, 4)], Domain.Distinct),
        new("Pack", x => tf.stack([x[0], x[1], x[2]]), [S(2, 3), S(2, 3), S(2, 3)]),
        new("Pack", x => tf.stack([x[0], x[1]], axis: 1), [S(2, 3), S(2, 3)]),
        new("Pack", x => tf.stack([x[0], x[1]], axis: -1), [S(4), S(4)]) { Declared = [S(-1), S(4)] },
        new("Unpack", x => tf.unstack(x[0], axis: 1)[1], [S(2, 3, 4)]),
        new("Unpack", x => tf.unstack(x[0])[0], [S(3, 2)]),
        new("Unpack", x => tf.unstack(x[0], num: 4, axis: -1)[3], [S(3, 4)]) { Declared = [S(-1, -1)] },
        new("ConcatV2", x => tf.concat([x[0], x[1]], 1), [S(2, 3), S(2, 4)]),
        new("ConcatV2", x => tf.concat([x[0], x[1], x[2]], 0), [S(1, 3), S(2, 3), S(3, 3)]) { Declared = [S(-1, 3), S(2, 3), S(-1, 3)] },
        new("ConcatV2", x => tf.concat([x[0], x[1]], -1), [S(2, 2, 1), S(2, 2, 3)]),
        new("ConcatGrad", x => Build.Op("ConcatGrad", [x[0], x[1], x[2]], [x[0].DType, x[0].DType], null, new() { ["axis"] = 1 }).Outputs[0], [S(2, 7), S(2, 3), S(2, 4)]),
        new("Squeeze", x => tf.squeeze(x[0]), [S(3, 1, 4, 1)]),
        new("Squeeze", x => tf.squeeze(x[0], [1]), [S(2, 1, 3)]),
        new("Squeeze", x => tf.squeeze(x[0], -1), [S(4, 1)]) { Declared = [S(-1, 1)] },
        new("GatherV2", x => tf.gather(x[0], tf.constant(np.array(2, 0, 2, 1))), [S(3, 4)]),
        new("GatherV2", x => tf.gather(x[0], tf.constant(np.array(new long[] { 1, 0, 1 })), axis: 1), [S(2, 3, 2)]),
        new("GatherV2", x => tf.gather(x[0], tf.constant(np.array(new[,] { { 0, 3 }, { 3, 3 } }))), [S(4, 2)]),
        new("GatherGrad", x => Build.One("GatherGrad", [x[0], tf.constant(np.array(2, 0, 2, 1)), x[1]], x[0].DType, null, new() { ["axis"] = 0 }), [S(4, 5), S(3, 5)]),
        new("Tile", x => tf.tile(x[0], [2, 3]), [S(2, 3)]),
        new("Tile", x => tf.tile(x[0], [3]), [S(2)]),
        new("Tile", x => tf.tile(x[0], [1, 2, 1]), [S(2, 1, 3)]),
        new("TileGrad", x => Build.One("TileGrad", [x[0], x[1]], x[0].DType, null, new() { ["multiples"] = new[] { 2, 3 } }), [S(4, 9), S(2, 3)]),
        new("BatchMatMulV2", x => tf.matmul(x[0], x[1]), [S(2, 3, 4), S(2, 4, 5)]),
        new("BatchMatMulV2", x => tf.matmul(x[0], x[1]), [S(2, 3, 4), S(4, 2)]),
        new("BatchMatMulV2", x => tf.matmul(x[0], x[1], transpose_a: true), [S(2, 1, 4, 3), S(3, 4, 2)]),
        new("BatchMatMulV2", x => tf.matmul(x[0], x[1], transpose_b: true), [S(3, 2), S(2, 4, 2)]),
        new("BatchMatMulV2", x => tf.matmul(x[0], x[1], transpose_a: true, transpose_b: true), [S(2, 4, 3), S(2, 5, 4)]) { Declared = [S(-1, 4, 3), S(-1, 5, 4)] },
        new("BatchMatMulV2", x => tf.batch_matmul(x[0], x[1], adj_y: true), [S(2, 3, 4), S(2, 5, 4)]),
        new("IsFinite", x => tf.is_finite(tf.log(x[0])), [S(6)], Differentiable: false),
        new("IsFinite", x => tf.is_finite(tf.exp(x[0] * 200f)), [S(2, 4)], Differentiable: false),
        new("Tile (multiples as a constant tensor)", x => tf.tile(x[0], tf.constant(np.array(2, 1))), [S(2, 3)]),
        new("Reshape (shape as a constant tensor)", x => tf.reshape(x[0], tf.constant(np.array(-1, 2))), [S(2, 3)]),
        new("reduce_logsumexp (composite)", x => tf.reduce_logsumexp(x[0], [1]), [S(3, 4)]),
        new("reduce_logsumexp (composite)", x => tf.reduce_logsumexp(x[0], [0], keepdims: true), [S(3, 4)]),
        new("Normal.log_prob (composite)", x => tf.distributions.Normal(x[1], tf.exp(x[2])).log_prob(x[0]), [S(4, 3), S(3), S(3)]),
        new("Normal.entropy (composite)", x => tf.distributions.Normal(x[0], tf.exp(x[1])).entropy(), [S(3), S(2, 3)]),
    ];
}
