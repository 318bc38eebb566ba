using Xunit;

namespace TfLessons.TfNet.Tests;

/// <summary>int16 through the engine (TensorFlow.NET's BasicOperations feeds int16 placeholders) and review edge
/// cases.</summary>
public class Int16AndEdgeTests
{
    private static NDArray I16(params short[] values) => np.array<short>(values);

    [Fact]
    public void Int16_placeholders_add_multiply_and_feed_from_ints_as_tensorflow_does()
    {
        tf.reset_default_graph();
        var a = tf.placeholder(tf.int16);
        var b = tf.placeholder(tf.int16);
        using var sess = tf.Session();
        var feeds = new[] { new FeedItem(a, (short)2), new FeedItem(b, (short)3) };
        Assert.Equal("5", sess.run(tf.add(a, b), feeds).ToString());
        Assert.Equal("6", sess.run(tf.multiply(a, b), feeds).ToString());
        Assert.Equal(DType.Int16, sess.run(tf.add(a, b), feeds).dtype);
        var error = Assert.Throws<ArgumentException>(() =>
            sess.run(tf.add(a, b), (a, np.array(40000)), (b, np.array(1)))
        );
        Assert.Contains("int16", error.Message);
        var wide = tf.placeholder(tf.int32);
        Assert.Equal(7, (int)sess.run(wide + 0, (wide, I16(7).reshape())));
    }

    [Fact]
    public void Int16_transpose_tile_select_and_gather_move_whole_elements()
    {
        tf.reset_default_graph();
        var c = tf.constant(I16(1, 2, 3, 4, 5, 6).reshape(2, 3));
        var mask = tf.constant(np.array(new[,] { { true, false, true }, { false, true, false } }));
        using var sess = tf.Session();
        Assert.Equal(new short[] { 1, 4, 2, 5, 3, 6 }, sess.run(tf.transpose(c)).Data<short>());
        Assert.Equal(new short[] { 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6 }, sess.run(tf.tile(c, [1, 2])).Data<short>());
        Assert.Equal(new short[] { 1, 0, 3, 0, 5, 0 }, sess.run(tf.where(mask, c, tf.zeros_like(c))).Data<short>());
        Assert.Equal(
            new short[] { 4, 5, 6, 1, 2, 3 },
            sess.run(tf.gather(c, tf.constant(np.array(1, 0)))).Data<short>()
        );
        Assert.Equal(new short[] { 5, 7, 9 }, sess.run(tf.reduce_sum(c, 0)).Data<short>());
    }

    [Fact]
    public void Int16_arrays_index_save_and_load_as_numpy_does()
    {
        var x = I16(10, 20, 30);
        Assert.Equal(new short[] { 30, 10 }, x[I16(2, 0)].Data<short>());
        Assert.Equal(new short[] { 30, 20, 10 }, x[np.array(2, 1, 0)].Data<short>());
        string path = Path.Combine(Path.GetTempPath(), "tfl-i16-" + Guid.NewGuid().ToString("N") + ".npy");
        try
        {
            np.save(path, x);
            NDArray back = np.load(path);
            Assert.Equal(DType.Int16, back.dtype);
            Assert.Equal(x.Data<short>(), back.Data<short>());
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(DType.Float32, np.sqrt(x).dtype);
    }

    [Fact]
    public void Strings_and_arrays_concatenate_as_before_the_string_conversion()
    {
        Assert.Equal("loss: [1. 2.]", "loss: " + np.array(1f, 2f));
        string text = NDArray.FromString("hi");
        Assert.Equal("hi", text);
    }

    [Fact]
    public void Unique_and_argsort_keep_int64_values_apart_above_two_to_the_53()
    {
        long big = (1L << 53) + 1;
        var a = np.array(new[] { big, big - 1 });
        Assert.Equal(new[] { big - 1, big }, np.unique(a).Data<long>());
        Assert.Equal(new long[] { 1, 0 }, np.argsort(a).Data<long>());
        Assert.Equal(new long[] { 0 }, np.argsort(np.array(5f)).Data<long>());
    }

    [Fact]
    public void Tile_and_reshape_by_tensor_refuse_non_integer_arguments()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(1f, 2f));
        var e1 = Assert.Throws<ArgumentException>(() => tf.tile(x, tf.constant(np.array(2f))));
        Assert.Contains("'multiples' of 'Tile' Op has DataType float32", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => tf.reshape(x, tf.constant(np.array(new[,] { { 1, 2 } }))));
        Assert.Contains("must be a vector", e2.Message);
    }

    [Fact]
    public void Freeze_graph_refuses_missing_output_names_and_mismatched_checkpoints()
    {
        string dir = Directory.CreateTempSubdirectory("tfl-freeze-edge-").FullName;
        try
        {
            tf.reset_default_graph();
            var w = tf.Variable(np.array(1f, 2f), name: "w");
            var y = tf.multiply(w, 2f, name: "y");
            using (var sess = tf.Session())
            {
                sess.run(tf.global_variables_initializer());
                tf.train.Saver().save(sess, Path.Combine(dir, "model.ckpt"));
                tf.train.write_graph(sess.graph, dir, "model.pbtxt", as_text: true);
            }
            string Freeze(string outputs, string graph) =>
                FreezeGraph.freeze_graph(
                    graph,
                    "",
                    false,
                    Path.Combine(dir, "model.ckpt"),
                    outputs,
                    "",
                    "",
                    Path.Combine(dir, "frozen.pb"),
                    true,
                    ""
                );
            string graphPath = Path.Combine(dir, "model.pbtxt");
            Assert.Contains(
                "output_node_names",
                Assert.Throws<ArgumentException>(() => Freeze(" ", graphPath)).Message
            );
            Assert.Contains(
                "not tensor names",
                Assert.Throws<ArgumentException>(() => Freeze("y:0", graphPath)).Message
            );

            tf.reset_default_graph();
            var w3 = tf.Variable(np.array(1f, 2f, 3f), name: "w");
            tf.multiply(w3, 2f, name: "y");
            tf.train.write_graph(tf.get_default_graph(), dir, "other.pbtxt", as_text: true);
            var error = Assert.Throws<InvalidDataException>(() => Freeze("y", Path.Combine(dir, "other.pbtxt")));
            Assert.Contains("has shape (3,) but checkpoint", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Tile_by_a_computed_tensor_says_it_has_no_gradient_instead_of_passing_none()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, shape: new Shape(-1));
        // Multiples from a shape known only when the plan is built: the dynamic form runs.
        var tiled = tf.tile(x, tf.shape(x));
        using (var sess = tf.Session())
        {
            Assert.Equal(new float[] { 1, 2, 1, 2 }, sess.run(tiled, (x, np.array(1f, 2f))).Data<float>());
        }
        var error = Assert.ThrowsAny<Exception>(() => tf.gradients(tf.reduce_sum(tiled), [x]));
        Assert.Contains("No gradient defined for operation", error.Message);
        Assert.Contains("Tile.dynamic", error.Message);
    }

    [Fact]
    public void Shape_size_and_rank_give_the_dynamic_values_in_the_asked_dtype()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, shape: new Shape(-1, 3));
        using var sess = tf.Session();
        var feed = (x, np.zeros(new Shape(2, 3), np.float32));
        Assert.Equal(new[] { 2, 3 }, sess.run(tf.shape(x), feed).Data<int>());
        Assert.Equal(new long[] { 2, 3 }, sess.run(tf.shape(x, out_type: tf.int64), feed).Data<long>());
        Assert.Equal(6, (int)sess.run(tf.size(x), feed));
        Assert.Equal(2, (int)sess.run(tf.rank(x), feed));
        Assert.Contains("out_type", Assert.Throws<ArgumentException>(() => tf.shape(x, out_type: tf.float32)).Message);
    }
}
