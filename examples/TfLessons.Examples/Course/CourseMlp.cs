using TfLessons.Course;
using TfLessons.Layers;

namespace TfLessons.Examples.Course;

/// <summary>Options of the course's fully connected network: L2 strength and dropout.</summary>
public sealed record CourseMlpOptions(double L2Lambda = 0, bool Dropout = false, bool NanSumCost = false);

/// <summary>
/// The course's LINEAR-&gt;RELU ... LINEAR-&gt;SIGMOID network as a TensorFlow 1 graph: examples are columns
/// (X is [n_x, m]), parameters start from the course's NumPy arrays, and the cost is the course's
/// 1/m * sum of cross-entropies (plus L2). Training uses the same cost, whose gradient with respect to
/// the last linear output is (A - Y)/m as in the course's backward pass.
/// </summary>
public sealed class CourseMlp
{
    private CourseMlp(
        Tensor x,
        Tensor y,
        Variable[] w,
        Variable[] b,
        Tensor logits,
        Tensor probabilities,
        Tensor cost,
        Tensor costSum,
        Tensor loss,
        Tensor? keepProb,
        Tensor[] masks
    )
    {
        X = x;
        Y = y;
        W = w;
        B = b;
        Logits = logits;
        Probabilities = probabilities;
        Cost = cost;
        CostSum = costSum;
        Loss = loss;
        KeepProb = keepProb;
        Masks = masks;
    }

    public Tensor X { get; }
    public Tensor Y { get; }
    public Variable[] W { get; }
    public Variable[] B { get; }
    public Tensor Logits { get; }
    public Tensor Probabilities { get; }

    /// <summary>The printed cost: 1/m * sum (or nansum) of cross-entropies, plus the L2 term when set.</summary>
    public Tensor Cost { get; }

    /// <summary>The unaveraged cross-entropy sum (the 2021 notebooks accumulate it over an epoch).</summary>
    public Tensor CostSum { get; }

    /// <summary>What the optimizer minimizes: stable sigmoid cross-entropy mean (gradient (A - Y)/m) plus L2.</summary>
    public Tensor Loss { get; }

    public Tensor? KeepProb { get; }
    public Tensor[] Masks { get; }

    public IEnumerable<Variable> Parameters => W.Zip(B).SelectMany(p => new[] { p.First, p.Second });

    public static CourseMlp Build(NDArray[] w0, NDArray[] b0, CourseMlpOptions options)
    {
        int layers = w0.Length;
        DType dtype = w0[0].DType;
        var x = tf.placeholder(dtype, new Shape(w0[0].Dims[1], -1), "X");
        var y = tf.placeholder(dtype, new Shape(1, -1), "Y");
        var w = new Variable[layers];
        var b = new Variable[layers];
        for (int l = 0; l < layers; l++)
        {
            w[l] = tf.Variable(w0[l], name: $"W{l + 1}");
            b[l] = tf.Variable(b0[l], name: $"b{l + 1}");
        }
        Tensor? keepProb = options.Dropout ? tf.placeholder(dtype, Shape.Scalar, "keep_prob") : null;
        var masks = new List<Tensor>();
        Tensor a = x, z = x;
        for (int l = 0; l < layers; l++)
        {
            z = tf.add(tf.matmul(w[l], a), b[l]);
            if (l == layers - 1) break;
            a = tf.nn.relu(z);
            if (keepProb is not null)
            {
                var mask = tf.placeholder(dtype, new Shape(w0[l].Dims[0], -1), $"D{l + 1}");
                masks.Add(mask);
                a = CourseLosses.Dropout(a, mask, keepProb);
            }
        }
        Tensor probabilities = tf.sigmoid(z);
        Tensor m = CourseLosses.ColumnCount(y);
        Tensor costSum = CourseLosses.LogLossSum(probabilities, y, options.NanSumCost);
        Tensor cost = CourseLosses.Mean(costSum, m);
        Tensor loss = CourseLosses.Mean(tf.reduce_sum(CourseLosses.SigmoidCrossEntropy(y, z)), m);
        if (options.L2Lambda != 0)
        {
            Tensor l2 = CourseLosses.L2Cost(w, options.L2Lambda, m);
            cost = cost + l2;
            loss = loss + l2;
        }
        return new CourseMlp(x, y, w, b, z, probabilities, cost, costSum, loss, keepProb, masks.ToArray());
    }

    /// <summary>Feeds for evaluation: no dropout (keep_prob 1, masks of ones).</summary>
    public FeedDict EvalFeeds(NDArray xs, NDArray ys)
    {
        var feeds = new FeedDict { { X, xs }, { Y, ys } };
        if (KeepProb is null) return feeds;
        feeds.Add(KeepProb, np.astype(np.array(1.0), xs.DType));
        foreach (Tensor mask in Masks) feeds.Add(mask, np.ones((mask.shape[0], xs.Dims[1]), xs.DType));
        return feeds;
    }

    /// <summary>The course's predict: 1 where the sigmoid output exceeds 0.5; returns the accuracy against the
    /// labels.</summary>
    public double Accuracy(Session session, NDArray xs, NDArray ys)
    {
        NDArray p = session.run(Probabilities, EvalFeeds(xs, ys));
        int correct = 0;
        for (int i = 0; i < p.Size; i++) correct += (p.item(i) > 0.5 ? 1.0 : 0.0) == ys.item(i) ? 1 : 0;
        return correct / (double)p.Size;
    }
}
