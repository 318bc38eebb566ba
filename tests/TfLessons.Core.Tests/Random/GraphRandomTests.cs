using TfLessons.Random;

namespace TfLessons.Tests.Random;

/// <summary>The graph-level random ops and initializers give TensorFlow's numbers (checked against published values
/// through TfInitializers).</summary>
public class GraphRandomTests
{
    [Fact]
    public void Xavier_initializer_through_get_variable_matches_the_published_cnn_weights()
    {
        tf.reset_default_graph();
        tf.set_random_seed(1);
        var w1 = tf.get_variable("W1", (4, 4, 3, 8), initializer: tf.contrib.layers.xavier_initializer(seed: 0));
        var w2 = tf.get_variable("W2", (2, 2, 8, 16), initializer: tf.contrib.layers.xavier_initializer(seed: 0));
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        Assert.Equal(TfInitializers.GlorotUniform([4, 4, 3, 8], 1, 0), s.run(w1).ToArray<float>());
        Assert.Equal(TfInitializers.GlorotUniform([2, 2, 8, 16], 1, 0), s.run(w2).ToArray<float>());
        Assert.Equal(0.00131723, s.run(w1).GetDouble(1, 1, 1, 0), 8);
        Assert.Equal("W1:0", w1.Name);
    }

    [Fact]
    public void Random_normal_matches_the_tensorflow_docstring_and_advances_per_run()
    {
        tf.reset_default_graph();
        tf.set_random_seed(5);
        var r = tf.random_normal((2, 2), seed: 1);
        using var s = tf.Session();
        float[] first = s.run(r).ToArray<float>();
        Assert.Equal(-1.3768897f, first[0], 6);
        Assert.Equal(1.0824056f, first[3], 6);
        float[] second = s.run(r).ToArray<float>();
        var state = new TfRandomOpState(5, 1);
        state.ReserveRandomOutputs(4);
        Assert.Equal(state.NextStandardNormal(4), second);
    }

    [Fact]
    public void Tutorial_weights_use_seed_pair_one_one()
    {
        tf.reset_default_graph();
        tf.set_random_seed(1);
        var w3 = tf.get_variable("W3", (6, 12), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b3 = tf.get_variable("b3", (6, 1), initializer: tf.zeros_initializer());
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        Assert.Equal(TfInitializers.GlorotUniform([6, 12], 1, 1), s.run(w3).ToArray<float>());
        Assert.All(s.run(b3).ToArray<float>(), v => Assert.Equal(0f, v));
    }
}
