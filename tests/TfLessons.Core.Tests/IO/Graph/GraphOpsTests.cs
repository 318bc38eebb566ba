using TfLessons.Ops;

namespace TfLessons.Tests.IO.Graph;

/// <summary>Forward values of the op types added for imported graphs, against numbers worked out by hand (TF's
/// semantics).</summary>
public class GraphOpsTests
{
    private static NDArray[] Run(Func<Tensor[]> build)
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        Tensor[] outputs = build();
        using Session s = tf.Session(g);
        return s.run(outputs.Cast<ITensorOrOperation>().ToArray());
    }

    private static Tensor C(NDArray a) => tf.constant(a);

    private static Tensor Op(string type, DType dtype, params Tensor[] inputs) => Build.One(type, inputs, dtype, null);

    [Fact]
    public void Floor_division_and_modulo_round_toward_minus_infinity()
    {
        NDArray[] r = Run(() =>
            [
                Op("FloorDiv", DType.Int32, C(np.array(new[] { -7, 7, -7, 6 })), C(np.array(new[] { 2, -2, -2, 3 }))),
                Op("FloorMod", DType.Int32, C(np.array(new[] { -7, 7, -7, 6 })), C(np.array(new[] { 2, -2, -2, 3 }))),
                Op("FloorMod", DType.Float32, C(np.array(new[] { -7.5f })), C(np.array(new[] { 2f }))),
            ]
        );
        Assert.Equal([-4, -4, 3, 2], r[0].ToArray<int>());
        Assert.Equal([1, -1, -1, 0], r[1].ToArray<int>());
        Assert.Equal([0.5f], r[2].ToArray<float>());
    }

    [Fact]
    public void Shape_size_rank_range_prod()
    {
        NDArray[] r = Run(() =>
        {
            Tensor x = C(np.zeros(new[] { 2, 3, 4 }, DType.Float32));
            Tensor shape = Op("Shape", DType.Int32, x);
            var prod = Build.One(
                "Prod.dynamic",
                [shape, C(np.array(new[] { 0 }))],
                DType.Int32,
                null,
                new ShapeOps.DynamicReduceAttrs(false)
            );
            return
            [
                shape,
                Op("Size", DType.Int32, x),
                Op("Rank", DType.Int32, x),
                Build.One("Range", [C(np.array(1)), C(np.array(10)), C(np.array(3))], DType.Int32, null),
                prod,
            ];
        });
        Assert.Equal([2, 3, 4], r[0].ToArray<int>());
        Assert.Equal(24, (int)r[1]);
        Assert.Equal(3, (int)r[2]);
        Assert.Equal([1, 4, 7], r[3].ToArray<int>());
        Assert.Equal(24, (int)r[4]);
    }

    [Fact]
    public void Broadcast_gradient_args_and_dynamic_stitch()
    {
        NDArray[] r = Run(() =>
        {
            Operation bga = Build.Op(
                "BroadcastGradientArgs",
                [C(np.array(new[] { 4, 1, 3 })), C(np.array(new[] { 5, 3 }))],
                [DType.Int32, DType.Int32],
                null
            );
            Tensor stitch = Build.One(
                "DynamicStitch",
                [
                    C(np.array(new[] { 0, 2 })),
                    C(np.array(new[] { 1 })),
                    C(np.array(new[] { 7, 9 })),
                    C(np.array(new[] { 8 })),
                ],
                DType.Int32,
                null
            );
            return [bga.Outputs[0], bga.Outputs[1], stitch];
        });
        Assert.Equal([1], r[0].ToArray<int>());
        Assert.Equal([0], r[1].ToArray<int>());
        Assert.Equal([7, 8, 9], r[2].ToArray<int>());
    }

    [Fact]
    public void Slice_bias_add_and_losses()
    {
        NDArray[] r = Run(() =>
        {
            Tensor x = C(np.array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
            Tensor b = C(np.array(new float[] { 10, 20, 30 }));
            return
            [
                Op("Slice", DType.Float32, x, C(np.array(new[] { 1, 1 })), C(np.array(new[] { -1, 2 }))),
                Op("BiasAdd", DType.Float32, x, b),
                Op("BiasAddGrad", DType.Float32, x),
                Op("L2Loss", DType.Float32, x),
                Op("Reciprocal", DType.Float32, b),
            ];
        });
        Assert.Equal([5f, 6f], r[0].ToArray<float>());
        Assert.Equal([11f, 22, 33, 14, 25, 36], r[1].ToArray<float>());
        Assert.Equal([5f, 7, 9], r[2].ToArray<float>());
        Assert.Equal(45.5f, (float)r[3]);
        Assert.Equal([0.1f, 0.05f, 1 / 30f], r[4].ToArray<float>());
    }

    [Fact]
    public void String_ops_and_is_variable_initialized()
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        Tensor Str(string s) => tf.constant(new NDArray(DType.String, [], new[] { s }));
        Tensor joined = Build.One(
            "StringJoin",
            [Str("a/model"), Str("_temp")],
            DType.String,
            null,
            new SaverOps.StringJoinAttrs("")
        );
        Tensor shard = Build.One(
            "ShardedFilename",
            [joined, tf.constant(np.array(0)), tf.constant(np.array(1))],
            DType.String,
            null
        );
        Variable v = tf.Variable(np.array(1f), name: "v");
        Tensor ready = Build.One("IsVariableInitialized", [v.Ref], DType.Bool, null);
        using Session s = tf.Session(g);
        Assert.Equal("a/model_temp-00000-of-00001", ((string[])s.run(shard).Data)[0]);
        Assert.False(((bool[])s.run(ready).Data)[0]);
        s.run(v.initializer);
        Assert.True(((bool[])s.run(ready).Data)[0]);
    }
}
