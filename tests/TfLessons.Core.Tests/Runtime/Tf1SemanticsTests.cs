namespace TfLessons.Tests.Runtime;

/// <summary>TensorFlow 1's session and graph conventions that ported code relies on.</summary>
public class Tf1SemanticsTests
{
    [Fact]
    public void An_unfed_placeholder_of_partial_shape_gives_tensorflows_message()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new Shape(12288, -1), name: "X");
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(tf.reduce_sum(x)));
        Assert.Equal("You must feed a value for placeholder tensor 'X' with dtype float and shape [12288,?]", e.Message);
        Assert.Equal("X", e.op!.name);
        Assert.Equal(3, e.error_code);
        Assert.IsAssignableFrom<OpError>(e);
    }

    [Fact]
    public void A_closed_session_says_so()
    {
        tf.reset_default_graph();
        var c = tf.constant(np.array(1f));
        var s = tf.Session();
        s.close();
        var e = Assert.Throws<InvalidOperationException>(() => s.run(c));
        Assert.Equal("Attempted to use a closed Session.", e.Message);
    }

    [Fact]
    public void Eval_and_run_use_the_default_session()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, name: "x");
        var v = tf.Variable(np.array(1f), name: "v");
        var bump = v.assign_add(1);
        using (var s = tf.Session())
        {
            tf.global_variables_initializer().run();
            bump.op.run();
            Assert.Equal(2f, (float)v.eval());
            Assert.Equal(6f, (float)(x * 2).eval((x, 3f)));
        }
        var e = Assert.Throws<InvalidOperationException>(() => v.eval());
        Assert.Contains("No default session is registered", e.Message);

        using var interactive = tf.InteractiveSession();
        tf.global_variables_initializer().run();
        Assert.Same(interactive, tf.get_default_session());
        Assert.Equal(1f, (float)v.eval());
    }

    [Fact]
    public void Run_returns_the_structure_it_was_given()
    {
        tf.reset_default_graph();
        var a = tf.constant(np.array(2)); // int32
        var b = tf.constant(np.array(3));
        using var s = tf.Session();
        var byName = s.run(new Dictionary<string, ITensorOrOperation> { ["sum"] = a + b, ["product"] = a * b });
        Assert.Equal(5, (int)byName["sum"]);
        Assert.Equal(6, (int)byName["product"]);
        var (p, q, r, t) = s.run((a, b, a - b, (ITensorOrOperation)tf.group(a.op)));
        Assert.Equal((2, 3, -1), ((int)p, (int)q, (int)r));
        Assert.Same(NDArray.None, t);
        var x = tf.placeholder(tf.int32);
        Assert.Equal(7, (int)s.run(x + 4, new FeedItem(x, 3)));
    }

    [Fact]
    public void Tensors_compare_and_take_csharp_numbers()
    {
        tf.reset_default_graph();
        var z = tf.constant(np.array(-1f, 0f, 2f));
        var w = tf.Variable(np.array(0f), name: "w");
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        Assert.Equal(new[] { false, false, true }, s.run(z > 0).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, s.run(z <= 0).ToArray<bool>());
        Assert.Equal(new[] { 1f, 0f, 4f }, s.run(tf.pow(z, 2)).ToArray<float>());
        Assert.Equal(new[] { 0f, 0f, 2f }, s.run(tf.maximum(z, 0)).ToArray<float>());
        s.run(w.assign(12));
        Assert.Equal(12f, (float)s.run(w));
    }

    [Fact]
    public void As_default_returns_the_graph_and_its_disposal_restores_the_previous_one()
    {
        tf.reset_default_graph();
        Graph outer = tf.get_default_graph();
        var g = tf.Graph().as_default();
        Assert.Same(g, tf.get_default_graph());
        using (var inner = tf.Graph().as_default()) Assert.Same(inner, tf.get_default_graph());
        Assert.Same(g, tf.get_default_graph());
        g.Dispose();
        Assert.Same(outer, tf.get_default_graph());
    }

    [Fact]
    public void An_operation_stands_for_its_first_output()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, name: "Placeholder");
        Tensor found = tf.get_default_graph().get_operation_by_name("Placeholder");
        Assert.Same(x.op, found.op);
        Assert.Throws<InvalidCastException>(() => { Tensor t = tf.group(x.op); });
    }

    [Fact]
    public void Variable_scopes_prefix_get_variable_and_reuse_as_asked()
    {
        tf.reset_default_graph();
        Variable w;
        using (tf.variable_scope("layer1")) w = tf.get_variable("w", new Shape(2, 3));
        Assert.Equal("layer1/w", w.OpName);
        using (tf.variable_scope("layer1"))
        {
            var e = Assert.Throws<ArgumentException>(() => tf.get_variable("w", new Shape(2, 3)));
            Assert.Contains("Variable layer1/w already exists, disallowed", e.Message);
        }
        using (tf.variable_scope("layer1", reuse: true)) Assert.Same(w, tf.get_variable("w", new Shape(2, 3)));
        using (tf.variable_scope("layer1", reuse: tf.AUTO_REUSE))
        {
            Assert.Same(w, tf.get_variable("w", new Shape(2, 3)));
            Assert.Equal("layer1/b", tf.get_variable("b", new Shape(3)).OpName);
        }
        using (tf.variable_scope("layer2", reuse: true))
        {
            var e = Assert.Throws<ArgumentException>(() => tf.get_variable("w", new Shape(2, 3)));
            Assert.Contains("Variable layer2/w does not exist", e.Message);
        }
        using (tf.variable_scope("layer1", reuse: true))
        {
            var e = Assert.Throws<ArgumentException>(() => tf.get_variable("w", new Shape(3, 3)));
            Assert.Contains("Trying to share variable layer1/w", e.Message);
        }
    }

    [Fact]
    public void String_constants_run_and_print_as_python_bytes()
    {
        tf.reset_default_graph();
        var hello = tf.constant("Hello, TensorFlow!");
        Assert.Equal("Tensor(\"Const:0\", shape=(), dtype=string)", hello.ToString());
        using var sess = tf.Session();
        NDArray value = sess.run(hello);
        Assert.Equal("b'Hello, TensorFlow!'", value.ToString());
        Assert.Equal(["Hello, TensorFlow!"], value.ToStrings());
        Assert.Equal("b\"it's\"", sess.run(tf.constant("it's")).ToString());
        Assert.Equal("b'caf\\xc3\\xa9\\n'", sess.run(tf.constant("café\n")).ToString());
    }
}
