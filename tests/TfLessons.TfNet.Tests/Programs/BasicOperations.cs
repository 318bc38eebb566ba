using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>Constants, placeholders and a matrix product, in TensorFlow.NET's graph mode.</summary>
public static class BasicOperations
{
    public static void Run()
    {
        tf.compat.v1.disable_eager_execution();
        var a = tf.constant(2);
        var b = tf.constant(3);
        using (var sess = tf.Session())
        {
            print("a=2, b=3");
            print($"Addition with constants: {sess.run(a + b)}");
            print($"Multiplication with constants: {sess.run(a * b)}");
        }

        var x = tf.placeholder(tf.int32);
        var y = tf.placeholder(tf.int32);
        var add = tf.add(x, y);
        var mul = tf.multiply(x, y);
        using (var sess = tf.Session())
        {
            print($"Addition with variables: {sess.run(add, (x, 2), (y, 3))}");
            print($"Multiplication with variables: {sess.run(mul, (x, 2), (y, 3))}");
        }

        var matrix1 = tf.constant(np.array(new float[,] { { 3, 3 } }));
        var matrix2 = tf.constant(np.array(new float[,] { { 2 }, { 2 } }));
        var product = tf.matmul(matrix1, matrix2);
        with(tf.Session(), sess =>
        {
            var result = sess.run(product);
            print(result);
        });
    }
}
