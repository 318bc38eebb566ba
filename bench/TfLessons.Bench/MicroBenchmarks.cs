using BenchmarkDotNet.Attributes;

namespace TfLessons.Bench;

/// <summary>Kernel-level micro benchmarks (BenchmarkDotNet): `dotnet run -c Release --project bench/TfLessons.Bench -- micro`.</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private Session _session = null!;
    private Operation _w5Train = null!;
    private Tensor _x = null!, _sum = null!, _product = null!, _a = null!, _b = null!;
    private NDArray _coefficients = null!, _big = null!, _left = null!, _right = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_, _x, _w5Train, _coefficients) = Examples.W5Lesson.Build();
        _a = tf.placeholder(tf.float32, new Shape(-1, -1));
        _b = tf.placeholder(tf.float32, new Shape(-1, -1));
        _sum = tf.reduce_sum(tf.sigmoid(_a) + _a);
        _product = tf.matmul(_a, _b);
        _session = tf.Session();
        _session.run(tf.global_variables_initializer());
        var rng = new Random.RandomState(0);
        _big = np.astype(np.array(rng.Rand(1000, 1000), 1000, 1000), DType.Float32);
        _left = np.astype(np.array(rng.Rand(256, 256), 256, 256), DType.Float32);
        _right = np.astype(np.array(rng.Rand(256, 256), 256, 256), DType.Float32);
    }

    [Benchmark(Description = "session.run of the w5 train step")]
    public void W5Step() => _session.run(_w5Train, (_x, _coefficients));

    [Benchmark(Description = "sigmoid + add + sum over 1M floats")]
    public NDArray Elementwise() => _session.run(_sum, (_a, _big));

    [Benchmark(Description = "256x256x256 float32 matmul")]
    public NDArray MatMul() => _session.run(_product, (_a, _left), (_b, _right));

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();
}
