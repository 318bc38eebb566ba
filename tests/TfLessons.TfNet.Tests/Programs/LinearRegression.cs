using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>Linear regression by per-example gradient descent, the TF1 graph-mode classic.</summary>
public static class LinearRegression
{
    public static (float W, float b, float Cost) Run(int training_epochs = 100, int display_step = 50)
    {
        float learning_rate = 0.01f;
        var train_X = np.array(3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f,
            7.042f, 10.791f, 5.313f, 7.997f, 5.654f, 9.27f, 3.1f);
        var train_Y = np.array(1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f,
            2.827f, 3.465f, 1.65f, 2.904f, 2.42f, 2.94f, 1.3f);
        int n_samples = train_X.shape[0];

        var X = tf.placeholder(tf.float32);
        var Y = tf.placeholder(tf.float32);
        var W = tf.Variable(-0.06f, name: "weight");
        var b = tf.Variable(-0.73f, name: "bias");
        var pred = tf.add(tf.multiply(X, W), b);
        var cost = tf.reduce_sum(tf.pow(pred - Y, 2.0f)) / (2.0f * n_samples);
        var optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);
        var init = tf.global_variables_initializer();

        using var sess = tf.Session();
        sess.run(init);
        foreach (var epoch in range(training_epochs))
        {
            foreach (var (x, y) in zip<float>(train_X, train_Y))
                sess.run(optimizer, (X, x), (Y, y));
            if ((epoch + 1) % display_step == 0)
            {
                var c = sess.run(cost, (X, train_X), (Y, train_Y));
                print($"Epoch: {epoch + 1} cost={c} W={sess.run(W)} b={sess.run(b)}");
            }
        }
        float training_cost = sess.run(cost, (X, train_X), (Y, train_Y));
        print($"Training cost={training_cost} W={sess.run(W)} b={sess.run(b)}");
        return (sess.run(W), sess.run(b), training_cost);
    }
}
