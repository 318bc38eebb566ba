using TfLessons.Runtime.Kernels.Reference;

namespace TfLessons.Tests.Ops;

/// <summary>Integer kernels, unknown-rank reductions, constants with a shape and the error paths of the TF.NET ops.</summary>
public class TfNetOpTests
{
    private static readonly (string Name, Func<Tensor[], Tensor> Build, int[][] Shapes, bool NonNegative)[] IntegerCases =
    [
        ("Abs", x => tf.abs(x[0]), [[3, 4]], false),
        ("Sign", x => tf.sign(x[0]), [[3, 4]], false),
        ("Pow", x => tf.pow(x[0], x[1]), [[3, 4], [4]], true),
        ("Maximum", x => tf.maximum(x[0], x[1]), [[3, 4], [3, 4]], false),
        ("Minimum", x => tf.minimum(x[0], x[1]), [[3, 4], [4]], false),
        ("MatMul", x => tf.matmul(x[0], x[1]), [[3, 4], [4, 2]], false),
        ("MatMul", x => tf.matmul(x[0], x[1], transpose_a: true, transpose_b: true), [[4, 3], [2, 4]], false),
        ("BatchMatMulV2", x => tf.matmul(x[0], x[1]), [[2, 3, 4], [4, 2]], false),
        ("Sum", x => tf.reduce_sum(x[0], 1), [[3, 4]], false),
        ("Mean", x => tf.reduce_mean(x[0], 0), [[3, 4]], false),
        ("Max", x => tf.reduce_max(x[0]), [[3, 4]], false),
        ("Min", x => tf.reduce_min(x[0], 1), [[3, 4]], false),
        ("Prod", x => tf.reduce_prod(x[0], 1), [[3, 4]], false),
        ("ArgMin", x => tf.argmin(x[0], 1), [[3, 4]], false),
        ("Pack", x => tf.stack([x[0], x[1]], 1), [[2, 3], [2, 3]], false),
        ("ConcatV2", x => tf.concat([x[0], x[1]], 0), [[2, 3], [1, 3]], false),
        ("Tile", x => tf.tile(x[0], [2, 2]), [[2, 3]], false),
        ("GatherV2", x => tf.gather(x[0], tf.constant(np.array(1, 1, 0))), [[2, 3]], false),
        ("Squeeze", x => tf.squeeze(x[0]), [[2, 1, 3]], false),
    ];

    public static IEnumerable<object[]> IntegerRows() => IntegerCases.Select((c, i) => new object[] { i, c.Name });

    [Theory]
    [MemberData(nameof(IntegerRows))]
    public void Integer_kernels_match_reference(int row, string name)
    {
        var c = IntegerCases[row];
        foreach (DType dtype in new[] { DType.Int32, DType.Int64 })
        {
            var g = new Graph();
            using var _ = g.as_default();
            var rng = new System.Random(row * 7 + (int)dtype);
            Tensor[] xs = c.Shapes.Select((s, i) => tf.placeholder(dtype, new Shape(s), $"x{i}")).ToArray();
            Tensor y = c.Build(xs);
            Assert.Equal(name, y.Op.Type);
            NDArray[] inputs = c.Shapes.Select(s =>
            {
                var a = np.zeros(s, dtype);
                for (int i = 0; i < a.Size; i++) a.SetDouble(i, c.NonNegative ? rng.Next(0, 4) : rng.Next(-5, 6));
                return a;
            }).ToArray();
            using var session = tf.Session(g);
            var feeds = xs.Zip(inputs, (x, v) => (x, v)).ToArray();
            NDArray actual = session.run(y, feeds);
            NDArray[] opInputs = y.Op.Inputs.Select(t => Array.IndexOf(xs, t) is int k && k >= 0 ? inputs[k] : session.run(t, feeds)).ToArray();
            OpTableTests.AssertClose(ReferenceKernels.Evaluate(y.Op, opInputs), actual, 0, $"{name} {dtype}");
        }
    }

    [Fact]
    public void Integer_pow_rejects_negative_exponents_and_wraps_like_cpp()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(2, 3));
        using var s = tf.Session();
        Assert.Equal(new[] { 8, 27 }, s.run(tf.pow(x, tf.constant(np.array(3)))).ToArray<int>());
        var e = Assert.ThrowsAny<Exception>(() => s.run(tf.pow(x, tf.constant(np.array(-1)))));
        Assert.Contains("negative integer powers", e.ToString());
    }

    [Fact]
    public void Reductions_accept_inputs_of_unknown_rank()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float64);
        Tensor all = tf.reduce_sum(x), last = tf.reduce_mean(x, -1), kept = tf.reduce_max(x, [0], keepdims: true), prod = tf.reduce_prod(x, reduction_indices: [-2]);
        Assert.Equal(Shape.Scalar, all.Shape);
        Assert.True(last.Shape.IsUnknownRank);
        Tensor grad = tf.gradients(tf.reduce_sum(last) + all, [x])[0]!;
        var value = np.array(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        using var s = tf.Session();
        Assert.Equal(21.0, (double)s.run(all, (x, value)));
        Assert.Equal(new[] { 2.0, 5.0 }, s.run(last, (x, value)).ToArray<double>());
        NDArray k = s.run(kept, (x, value));
        Assert.Equal(new[] { 1, 3 }, k.Dims);
        Assert.Equal(new[] { 4.0, 5, 6 }, k.ToArray<double>());
        Assert.Equal(new[] { 4.0, 10, 18 }, s.run(prod, (x, value)).ToArray<double>());
        Assert.Equal(Enumerable.Repeat(1 + 1.0 / 3, 6).ToArray(), s.run(grad, (x, value)).ToArray<double>());
        // A 3-D feed of the same placeholder: the axes resolve against the new rank.
        var cube = np.ones(new Shape(2, 2, 2), DType.Float64);
        Assert.Equal(8.0, (double)s.run(all, (x, cube)));
        Assert.Equal(new[] { 2, 2 }, s.run(last, (x, cube)).Dims);
    }

    [Fact]
    public void Reduce_rejects_both_axis_spellings()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new Shape(2, 3));
        var e = Assert.Throws<ArgumentException>(() => tf.reduce_sum(x, [0], reduction_indices: [1]));
        Assert.Contains("Can not specify both 'axis' and 'reduction_indices'", e.Message);
        Assert.Equal(new Shape(2, 1), tf.reduce_sum(x, reduction_indices: [1], keep_dims: true).Shape);
    }

    [Fact]
    public void Prod_gradient_is_exact_at_zeros()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(new double[,] { { 2, 0, 3 }, { 0, 0, 4 }, { 1, 2, 5 } }));
        Tensor grad = tf.gradients(tf.reduce_prod(x, 1), [x])[0]!;
        using var s = tf.Session();
        Assert.Equal(new double[] { 0, 6, 0, 0, 0, 0, 10, 5, 2 }, s.run(grad).ToArray<double>());
    }

    [Fact]
    public void Constant_with_a_shape_pads_with_the_last_element_as_tensorflow_1()
    {
        tf.reset_default_graph();
        using var s = tf.Session();
        Tensor filled = tf.constant(np.array(-1f), shape: new Shape(2, 3));
        Assert.Equal("Const", filled.Op.Type);
        Assert.Equal(new Shape(2, 3), filled.Shape);
        Assert.Equal(Enumerable.Repeat(-1f, 6).ToArray(), s.run(filled).ToArray<float>());
        Assert.Equal(new[] { 1, 2, 3, 3, 3, 3 }, s.run(tf.constant(np.array(1, 2, 3), shape: new Shape(2, 3))).ToArray<int>());
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, s.run(tf.constant(np.array(1, 2, 3, 4), tf.float64, shape: new Shape(2, 2))).ToArray<double>());
        var e = Assert.Throws<ArgumentException>(() => tf.constant(np.array(1, 2, 3), shape: new Shape(2)));
        Assert.Contains("Too many elements provided. Needed at most 2, but received 3", e.Message);
        Assert.Throws<ArgumentException>(() => tf.constant(np.array(1, 2), shape: new Shape(2, 1), verify_shape: true));
    }

    [Fact]
    public void Convert_to_tensor_keeps_tensors_and_wraps_arrays()
    {
        tf.reset_default_graph();
        var p = tf.placeholder(tf.float32);
        Assert.Same(p, tf.convert_to_tensor(p));
        Assert.Throws<ArgumentException>(() => tf.convert_to_tensor(p, tf.float64));
        Tensor c = tf.convert_to_tensor(np.array(1.5, 2.5), tf.float32);
        Assert.Equal(DType.Float32, c.DType);
        using var s = tf.Session();
        Assert.Equal(new[] { 1.5f, 2.5f }, s.run(c).ToArray<float>());
    }

    [Fact]
    public void Random_initializers_take_int_array_shapes()
    {
        tf.reset_default_graph();
        Tensor n = tf.random_normal(new[] { 2, 3 }, seed: 1), t = tf.truncated_normal(new[] { 4 }, stddev: 0.1, seed: 2);
        Assert.Equal(new Shape(2, 3), n.Shape);
        Assert.Equal(new Shape(4), t.Shape);
        using var s = tf.Session();
        Assert.All(s.run(t).ToArray<float>(), v => Assert.InRange(v, -0.2f, 0.2f));
    }

    [Fact]
    public void Shape_errors_name_the_op_and_the_shapes()
    {
        tf.reset_default_graph();
        var a = tf.placeholder(tf.float32, new Shape(2, 3));
        var b = tf.placeholder(tf.float32, new Shape(3, 3));
        Assert.Contains("Dimension 1 in both shapes must be equal", Assert.Throws<ArgumentException>(() => tf.concat([a, tf.placeholder(tf.float32, new Shape(2, 4))], 0)).Message);
        Assert.Contains("Shapes must be equal rank", Assert.Throws<ArgumentException>(() => tf.stack([a, tf.placeholder(tf.float32, new Shape(6))])).Message);
        Assert.Contains("Can not squeeze dim[1], expected a dimension of 1, got 3", Assert.Throws<ArgumentException>(() => tf.squeeze(a, [1])).Message);
        Assert.Contains("Dimensions must be equal, but are 3 and 2", Assert.Throws<ArgumentException>(() => tf.matmul(tf.placeholder(tf.float32, new Shape(4, 2, 3)), tf.placeholder(tf.float32, new Shape(4, 2, 3)))).Message);
        Assert.Contains("[2,3], [3,3]", Assert.Throws<ArgumentException>(() => tf.stack([a, b])).Message);
        Assert.Contains("not in list of allowed values: int32, int64", Assert.Throws<ArgumentException>(() => tf.gather(a, a)).Message);
    }

    [Fact]
    public void Gather_rejects_out_of_range_indices_at_run_time()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(new float[,] { { 1, 2 }, { 3, 4 } }));
        var i = tf.placeholder(tf.int32, new Shape(2));
        Tensor y = tf.gather(x, i);
        using var s = tf.Session();
        Assert.Equal(new[] { 3f, 4, 1, 2 }, s.run(y, (i, np.array(1, 0))).ToArray<float>());
        var e = Assert.ThrowsAny<Exception>(() => s.run(y, (i, np.array(0, 2))));
        Assert.Contains("indices[1] = 2 is not in [0, 2)", e.ToString());
    }

    [Fact]
    public void Unstack_gives_one_output_per_slice_and_a_lone_concat_is_an_identity()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        Tensor[] columns = tf.unstack(x, axis: 1);
        Assert.Equal(3, columns.Length);
        Assert.All(columns, c => Assert.Same(columns[0].Op, c.Op));
        Assert.Equal("Identity", tf.concat([x], 0).Op.Type);
        Assert.Contains("Cannot infer num", Assert.Throws<ArgumentException>(() => tf.unstack(tf.placeholder(tf.float32, new Shape(-1, 2)))).Message);
        using var s = tf.Session();
        Assert.Equal(new[] { 3f, 6 }, s.run(columns[2]).ToArray<float>());
    }
}
