using TfLessons.Ops;
using TfLessons.Random;
using TfLessons.Train;

namespace TfLessons.Layers;

/// <summary>One hidden layer of a <see cref="SoftmaxClassifier"/>: its width, activation, batch norm and
/// dropout.</summary>
public sealed record LayerSpec(int Units, string Activation = "relu", bool BatchNorm = false, double KeepProb = 1.0);

/// <summary>Per-epoch metrics of <see cref="SoftmaxClassifier.Fit"/>.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    double TrainAccuracy,
    double? ValidationAccuracy,
    double Seconds
);

/// <summary>
/// A fully connected softmax classifier as a TensorFlow 1 graph in its own <see cref="Graph"/>: dense layers with
/// optional batch norm (before the activation) and dropout per layer, L2 on the kernels, trained with mini-batches
/// and any optimizer. Examples are rows ([batch, features]); labels are class indices.
/// </summary>
public sealed class SoftmaxClassifier : IDisposable
{
    private readonly Graph _graph = new();
    private readonly Session _session;
    private readonly Tensor _x, _labels, _training, _logits, _loss, _accuracy, _predictions, _learningRate;
    private readonly Func<int, double> _schedule;
    private readonly Operation _train;

    /// <summary>Builds the graph: <paramref name="optimizer"/> makes the optimizer from the learning-rate tensor, fed
    /// each epoch from <paramref name="learningRate"/>.</summary>
    public SoftmaxClassifier(
        int inputs,
        int classes,
        IReadOnlyList<LayerSpec> hidden,
        Func<Hyper, Optimizer> optimizer,
        Func<int, double> learningRate,
        double l2 = 0,
        int seed = 1,
        DType? dtype = null
    )
    {
        _schedule = learningRate;
        if (classes < 2) throw new ArgumentException($"SoftmaxClassifier: need at least 2 classes, got {classes}");
        foreach (LayerSpec spec in hidden)
        {
            if (spec.Units <= 0)
                throw new ArgumentException($"SoftmaxClassifier: layer width must be positive, got {spec.Units}");
            if (spec.KeepProb is <= 0 or > 1)
                throw new ArgumentException($"SoftmaxClassifier: keep_prob must be in (0, 1], got {spec.KeepProb}");
        }
        Inputs = inputs;
        Classes = classes;
        DType dt = dtype ?? DType.Float32;
        using (_graph.as_default())
        {
            tf.set_random_seed(seed);
            _x = tf.placeholder(dt, new Shape(-1, inputs), "x");
            _labels = tf.placeholder(DType.Int64, new Shape(-1), "labels");
            _training = tf.placeholder(DType.Bool, Shape.Scalar, "training");
            _learningRate = tf.placeholder(DType.Float64, Shape.Scalar, "learning_rate");
            Tensor a = _x;
            var kernels = new List<Tensor>();
            for (int i = 0; i < hidden.Count; i++)
            {
                LayerSpec spec = hidden[i];
                using (_graph.NameScope($"layer{i + 1}"))
                {
                    Tensor z = tf.layers.dense(
                        a,
                        spec.Units,
                        use_bias: !spec.BatchNorm,
                        kernel_initializer: tf.variance_scaling_initializer(2.0, "fan_in", "truncated_normal", seed + i)
                    );
                    kernels.Add(
                        _graph
                            .get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES)
                            .Last(v => v.OpName.EndsWith("kernel", StringComparison.Ordinal))
                    );
                    if (spec.BatchNorm)
                        z = tf.layers.batch_normalization(z, _training);
                    a = Activate(z, spec.Activation);
                    if (spec.KeepProb < 1)
                    {
                        Tensor keep = FlagOps.SelectByFlag(
                            _training,
                            Constants.Like(a, spec.KeepProb),
                            Constants.Like(a, 1.0)
                        );
                        a = tf.nn.dropout(a, keep, seed: seed + 100 + i);
                    }
                }
            }
            _logits = tf.layers.dense(
                a,
                classes,
                kernel_initializer: tf.glorot_uniform_initializer(seed + 1000),
                name: "logits"
            );
            kernels.Add(
                _graph
                    .get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES)
                    .Last(v => v.OpName.EndsWith("kernel", StringComparison.Ordinal))
            );
            _loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(_labels, _logits));
            Tensor objective =
                l2 > 0 ? _loss + tf.add_n(kernels.Select(k => tf.reduce_sum(tf.square(k))).ToList()) * (l2 / 2) : _loss;
            _train = optimizer(_learningRate).minimize(objective);
            _predictions = tf.argmax(_logits, 1);
            _accuracy = tf.reduce_mean(tf.cast(tf.equal(_predictions, _labels), dt));
            _session = tf.Session(_graph);
            _session.run(tf.global_variables_initializer());
        }
    }

    public int Inputs { get; }
    public int Classes { get; }
    public Graph Graph => _graph;
    public Session Session => _session;

    private static Tensor Activate(Tensor z, string activation) =>
        activation switch
        {
            "relu" => tf.nn.relu(z),
            "tanh" => tf.tanh(z),
            "sigmoid" => tf.sigmoid(z),
            "linear" or "none" => z,
            _ => throw new ArgumentException(
                $"SoftmaxClassifier: unknown activation '{activation}' (relu, tanh, sigmoid, linear)"
            ),
        };

    /// <summary>The learning rate the schedule gives for <paramref name="epoch"/> (0-based).</summary>
    public double LearningRate(int epoch) => _schedule(epoch);

    /// <summary>Trains for <paramref name="epochs"/> epochs of shuffled mini-batches (NumPy permutation from <paramref
    /// name="shuffleSeed"/> + epoch).</summary>
    public List<EpochMetrics> Fit(
        NDArray x,
        long[] y,
        int epochs,
        int batchSize,
        int shuffleSeed = 0,
        (NDArray X, long[] Y)? validation = null,
        Action<EpochMetrics>? onEpoch = null,
        Action<int, int>? onBatch = null
    )
    {
        Check(x, y, "Fit");
        int m = x.ShapeSpan[0];
        var history = new List<EpochMetrics>();
        var rng = new RandomState(0);
        var trainFlag = np.array(true);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int[][] batches = Data.MiniBatches.RandomMiniBatchIndices(m, batchSize, rng, shuffleSeed + epoch);
            double lossSum = 0, correct = 0;
            var rate = np.array(_schedule(epoch));
            for (int b = 0; b < batches.Length; b++)
            {
                NDArray bx = Rows(x, batches[b]);
                NDArray by = np.wrap(batches[b].Select(i => y[i]).ToArray(), batches[b].Length);
                var (_, loss, accuracy) = _session.run(
                    (_train, _loss, _accuracy),
                    (_x, bx),
                    (_labels, by),
                    (_training, trainFlag),
                    (_learningRate, rate)
                );
                lossSum += (double)loss * batches[b].Length;
                correct += (double)accuracy * batches[b].Length;
                onBatch?.Invoke(b + 1, batches.Length);
            }
            double? val = validation is { } v ? Evaluate(v.X, v.Y).Accuracy : null;
            var metrics = new EpochMetrics(epoch + 1, lossSum / m, correct / m, val, clock.Elapsed.TotalSeconds);
            history.Add(metrics);
            onEpoch?.Invoke(metrics);
        }
        return history;
    }

    /// <summary>Mean loss and accuracy in inference mode (moving batch-norm statistics, no dropout), in chunks of
    /// 1000.</summary>
    public (double Loss, double Accuracy) Evaluate(NDArray x, long[] y)
    {
        Check(x, y, "Evaluate");
        int m = x.ShapeSpan[0];
        double loss = 0, correct = 0;
        foreach (int[] chunk in Chunks(m, 1000))
        {
            NDArray bx = Rows(x, chunk);
            var (l, a) = _session.run(
                (_loss, _accuracy),
                (_x, bx),
                (_labels, np.wrap(chunk.Select(i => y[i]).ToArray(), chunk.Length)),
                (_training, np.array(false))
            );
            loss += (double)l * chunk.Length;
            correct += (double)a * chunk.Length;
        }
        return (loss / m, correct / m);
    }

    /// <summary>The most likely class of each row.</summary>
    public long[] Predict(NDArray x)
    {
        var result = new List<long>();
        foreach (int[] chunk in Chunks(x.ShapeSpan[0], 1000))
            result.AddRange(
                _session.run(_predictions, (_x, Rows(x, chunk)), (_training, np.array(false))).ToArray<long>()
            );
        return result.ToArray();
    }

    private void Check(NDArray x, long[] y, string what)
    {
        if (x.Rank != 2 || x.ShapeSpan[1] != Inputs)
            throw new ArgumentException($"SoftmaxClassifier.{what}: x must be [examples, {Inputs}], got {x.Shape}");
        if (y.Length != x.ShapeSpan[0])
            throw new ArgumentException($"SoftmaxClassifier.{what}: {x.ShapeSpan[0]} examples but {y.Length} labels");
        foreach (long label in y)
        {
            if (label < 0 || label >= Classes)
                throw new ArgumentException($"SoftmaxClassifier.{what}: label {label} outside 0..{Classes - 1}");
        }
    }

    private static IEnumerable<int[]> Chunks(int m, int size)
    {
        for (int start = 0; start < m; start += size)
            yield return Enumerable.Range(start, Math.Min(size, m - start)).ToArray();
    }

    private static NDArray Rows(NDArray x, int[] rows)
    {
        int features = x.ShapeSpan[1];
        NDArray result =
            x.DType == DType.Float32
                ? np.wrap(new float[rows.Length * features], rows.Length, features)
                : np.wrap(new double[rows.Length * features], rows.Length, features);
        for (int i = 0; i < rows.Length; i++)
            Array.Copy(x.Data, rows[i] * features, result.Data, i * features, features);
        return result;
    }

    public void Dispose() => _session.Dispose();
}
