using TfLessons.Examples;

namespace TfLessons.Tests.Lessons;

public class W5LessonTests
{
    [Fact]
    public void Prints_tensorflow_float32_digits()
    {
        var (initial, afterOne, afterAll) = W5Lesson.Train();
        Assert.Equal("0.0", PyFormat.Repr(initial));
        Assert.Equal("0.099999994", PyFormat.Repr(afterOne));
        Assert.Equal("4.9999886", PyFormat.Repr(afterAll));
    }

    [Fact]
    public void Steady_state_training_steps_allocate_nothing()
    {
        tf.reset_default_graph();
        var coefficients = np.array(new float[,] { { 1 }, { -10 }, { 25 } });
        var w = tf.Variable(0f, name: "w");
        var x = tf.placeholder(tf.float32, shape: (3, 1));
        var cost = x[0][0] * w * w + x[1][0] * w + x[2][0];
        var train = tf.train.GradientDescentOptimizer(0.01f).minimize(cost);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        for (int i = 0; i < 10; i++) session.run(train, (x, coefficients));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) session.run(train, (x, coefficients));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
