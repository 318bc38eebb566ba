namespace TfLessons;

/// <summary>TensorFlow 2's module paths for the TF1 API (<c>tf.compat.v1</c>, <c>tf.math</c>, <c>tf.random</c>), and
/// sessions.</summary>
public static partial class tf
{
    /// <summary>A session that installs itself as the default session (TF1's <c>tf.InteractiveSession</c>).</summary>
    public static InteractiveSession InteractiveSession(TfLessons.Graph? graph = null, ConfigProto? config = null) =>
        new(graph, config);

    /// <summary>TensorFlow.NET's <c>tf.Session(config)</c>: a session on the default graph with a
    /// configuration.</summary>
    public static Session Session(ConfigProto config) => new(null, config);

    /// <summary>tf.truncated_normal_initializer: N(mean, stddev^2) with values beyond two standard deviations
    /// redrawn.</summary>
    public static Initializer truncated_normal_initializer(double mean = 0, double stddev = 1, int? seed = null) =>
        (shape, dtype) => truncated_normal(shape, mean, stddev, dtype, seed);

    /// <summary>The default session on this thread, or null (TF1's <c>tf.get_default_session</c>).</summary>
    public static Session? get_default_session() => TfLessons.Session.Default;

    /// <summary>Graph mode is the only mode, so this is what every program gets; kept so TF2-era programs run
    /// unchanged.</summary>
    public static bool executing_eagerly() => false;

    public static class compat
    {
        public static class v1
        {
            /// <summary>Accepted: graph mode is the only mode TfLessons has.</summary>
            public static void disable_eager_execution()
            {
            }

            /// <summary>Eager execution does not exist here; the error says so rather than running something
            /// else.</summary>
            public static void enable_eager_execution() =>
                throw new NotSupportedException(
                    "TfLessons runs TensorFlow 1's graph mode only; eager execution is not available."
                );

            public static Tensor placeholder(DType dtype, Shape? shape = null, string? name = null) =>
                tf.placeholder(dtype, shape, name);

            public static Session Session(TfLessons.Graph? graph = null, ConfigProto? config = null) =>
                tf.Session(graph, config);

            public static InteractiveSession InteractiveSession(
                TfLessons.Graph? graph = null,
                ConfigProto? config = null
            ) => tf.InteractiveSession(graph, config);

            public static Operation global_variables_initializer() => tf.global_variables_initializer();

            public static void reset_default_graph() => tf.reset_default_graph();

            public static TfLessons.Graph get_default_graph() => tf.get_default_graph();

            public static void set_random_seed(int seed) => tf.set_random_seed(seed);

            public static IDisposable variable_scope(string name, Reuse reuse = default) =>
                tf.variable_scope(name, reuse);

            public static Variable get_variable(
                string name,
                Shape? shape = null,
                DType? dtype = null,
                Initializer? initializer = null,
                bool trainable = true
            ) => tf.get_variable(name, shape, dtype, initializer, trainable);
        }
    }

    /// <summary>TF2's <c>tf.math</c> names of the element-wise and reduction ops.</summary>
    public static class math
    {
        public static Tensor add(Tensor x, Tensor y, string? name = null) => tf.add(x, y, name);
        public static Tensor subtract(Tensor x, Tensor y, string? name = null) => tf.subtract(x, y, name);
        public static Tensor multiply(Tensor x, Tensor y, string? name = null) => tf.multiply(x, y, name);
        public static Tensor divide(Tensor x, Tensor y, string? name = null) => tf.divide(x, y, name);
        public static Tensor pow(Tensor x, Tensor y, string? name = null) => tf.pow(x, y, name);
        public static Tensor maximum(Tensor x, Tensor y, string? name = null) => tf.maximum(x, y, name);
        public static Tensor minimum(Tensor x, Tensor y, string? name = null) => tf.minimum(x, y, name);
        public static Tensor negative(Tensor x, string? name = null) => tf.negative(x, name);
        public static Tensor square(Tensor x, string? name = null) => tf.square(x, name);
        public static Tensor sqrt(Tensor x, string? name = null) => tf.sqrt(x, name);
        public static Tensor exp(Tensor x, string? name = null) => tf.exp(x, name);
        public static Tensor log(Tensor x, string? name = null) => tf.log(x, name);
        public static Tensor sigmoid(Tensor x, string? name = null) => tf.sigmoid(x, name);
        public static Tensor tanh(Tensor x, string? name = null) => tf.tanh(x, name);
        public static Tensor equal(Tensor x, Tensor y, string? name = null) => tf.equal(x, y, name);
        public static Tensor argmax(Tensor x, int axis = 0, string? name = null) => tf.argmax(x, axis, name);

        public static Tensor reduce_sum(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null) =>
            tf.reduce_sum(x, axis, keepdims, name);

        public static Tensor reduce_mean(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null) =>
            tf.reduce_mean(x, axis, keepdims, name);
    }

    /// <summary>TF2's <c>tf.random</c> names of TF1's seeded random ops.</summary>
    public static class random
    {
        public static Tensor normal(
            Shape shape,
            double mean = 0,
            double stddev = 1,
            DType? dtype = null,
            int? seed = null,
            string? name = null
        ) => random_normal(shape, mean, stddev, dtype, seed, name);

        public static Tensor uniform(
            Shape shape,
            double minval = 0,
            double maxval = 1,
            DType? dtype = null,
            int? seed = null,
            string? name = null
        ) => random_uniform(shape, minval, maxval, dtype, seed, name);

        public static Tensor truncated_normal(
            Shape shape,
            double mean = 0,
            double stddev = 1,
            DType? dtype = null,
            int? seed = null,
            string? name = null
        ) => tf.truncated_normal(shape, mean, stddev, dtype, seed, name);

        public static void set_seed(int seed) => set_random_seed(seed);
    }
}
