using Tensorflow;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>A string constant, run in a session and printed as TensorFlow 1 prints it.</summary>
public static class HelloWorld
{
    public static void Run()
    {
        tf.compat.v1.disable_eager_execution();
        var hello = tf.constant("Hello, TensorFlow!");
        print(hello);
        using var sess = tf.Session();
        print(sess.run(hello));
    }
}
