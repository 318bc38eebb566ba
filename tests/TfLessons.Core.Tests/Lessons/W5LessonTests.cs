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
        var (_, x, train, coefficients) = W5Lesson.Build();
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        for (int i = 0; i < 10; i++) session.run(train, (x, coefficients));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) session.run(train, (x, coefficients));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
