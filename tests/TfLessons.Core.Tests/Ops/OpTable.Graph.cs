using TfLessons.Ops;

namespace TfLessons.Tests.Ops;

/// <summary>
/// Rows for the op types added for imported TF1 graphs: forward against the reference kernels
/// (ReferenceKernels.Graph.cs), gradients against central differences. The shape-arithmetic and saver ops are checked
/// against hand-computed values in IO/Graph/GraphOpsTests instead (see OpCoverageTests).
/// </summary>
public static partial class OpTable
{
    public static readonly OpCase[] GraphRows =
    [
        new("Reciprocal", x => Build.One("Reciprocal", [x[0]], x[0].DType, null), [S(3, 2)], Domain.Positive),
        new("BiasAdd", x => Build.One("BiasAdd", [x[0], x[1]], x[0].DType, null), [S(4, 3), S(3)]),
        new("BiasAdd", x => Build.One("BiasAdd", [x[0], x[1]], x[0].DType, null), [S(2, 2, 5), S(5)]),
        new("L2Loss", x => Build.One("L2Loss", [x[0]], x[0].DType, null), [S(3, 4)]),
        new("Reshape.dynamic", x => Build.One("Reshape.dynamic", [x[0], tf.constant(np.array(new[] { 3, -1 }))], x[0].DType, null), [S(2, 6)]),
        new("FloorDiv", x => Build.One("FloorDiv", [x[0], x[1]], x[0].DType, null), [S(3, 4), S(4)], Domain.Positive, Differentiable: false),
        // FloorMod's gradient is dx = dy, dy = -dy * floor(x / y): checked away from the jumps of floor.
        new("FloorMod", x => Build.One("FloorMod", [x[0], x[1]], x[0].DType, null), [S(3, 4), S(3, 4)], Domain.Positive),
        new("Shape", x => Build.One("Shape", [x[0]], DType.Int32, null), [S(2, 3, 4)], Differentiable: false),
        new("Size", x => Build.One("Size", [x[0]], DType.Int32, null), [S(2, 5)], Differentiable: false),
        new("Rank", x => Build.One("Rank", [x[0]], DType.Int32, null), [S(2, 5, 1)], Differentiable: false),
        new("PreventGradient", x => Build.One("PreventGradient", [x[0]], x[0].DType, null), [S(3)], Differentiable: false) { GradientRaises = true },
    ];
}
