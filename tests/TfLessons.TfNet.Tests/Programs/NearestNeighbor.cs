using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>Nearest neighbour by L1 distance: one session run per test example.</summary>
public static class NearestNeighbor
{
    public static float Run(NDArray Xtr, NDArray Ytr, NDArray Xte, NDArray Yte)
    {
        var xtr = tf.placeholder(tf.float32, new TensorShape(-1, 784));
        var xte = tf.placeholder(tf.float32, new TensorShape(784));
        var distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices: 1);
        var pred = tf.arg_min(distance, 0);

        float accuracy = 0f;
        var init = tf.global_variables_initializer();
        using (var sess = tf.Session())
        {
            sess.run(init);
            foreach (int i in range(Xte.shape[0]))
            {
                long nn_index = sess.run(pred, (xtr, Xtr), (xte, Xte[i]));
                int index = (int)nn_index;
                if (i % 10 == 0 || i == 0)
                    print($"Test {i} Prediction: {np.argmax(Ytr[index])} True Class: {np.argmax(Yte[i])}");
                if (np.argmax(Ytr[index]) == np.argmax(Yte[i]))
                    accuracy += 1f / Xte.shape[0];
            }
            print($"Accuracy: {accuracy}");
        }
        return accuracy;
    }
}
