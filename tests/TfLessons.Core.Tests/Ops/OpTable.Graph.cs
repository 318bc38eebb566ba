namespace TfLessons.Tests.Ops;

/// <summary>
/// Rows for the op types added for imported TF1 graphs. The reference kernels do not know these ops, so each row
/// ends in an Identity: the rows check the gradients against central differences; the forward values are checked
/// against hand-computed numbers in IO/Graph/GraphOpsTests.
/// </summary>
public static partial class OpTable
{
    public static readonly OpCase[] GraphRows =
    [
        new("Reciprocal", x => tf.identity(Build.One("Reciprocal", [x[0]], x[0].DType, null)), [S(3, 2)], Domain.Positive),
        new("BiasAdd", x => tf.identity(Build.One("BiasAdd", [x[0], x[1]], x[0].DType, null)), [S(4, 3), S(3)]),
        new("BiasAdd", x => tf.identity(Build.One("BiasAdd", [x[0], x[1]], x[0].DType, null)), [S(2, 2, 5), S(5)]),
        new("L2Loss", x => tf.identity(Build.One("L2Loss", [x[0]], x[0].DType, null)), [S(3, 4)]),
        new("Reshape.dynamic", x => tf.identity(Build.One("Reshape.dynamic", [x[0], tf.constant(np.array(new[] { 3, -1 }))], x[0].DType, null)), [S(2, 6)]),
        new("PreventGradient", x => tf.identity(Build.One("PreventGradient", [x[0]], x[0].DType, null)), [S(3)], Differentiable: false),
    ];
}
