using TfLessons.Autodiff;
using TfLessons.Ops;

#pragma warning disable IDE1006
using TfLessons.Train;

namespace TfLessons;

/// <summary>
/// TensorFlow 1's Python API under its own names (<c>tf.placeholder</c>, <c>tf.Variable</c>,
/// <c>tf.Session</c>, <c>tf.train.GradientDescentOptimizer</c>), building into the default graph.
/// </summary>
public static partial class tf
{
    public static readonly DType float32 = DType.Float32;
    public static readonly DType float64 = DType.Float64;
    public static readonly DType int16 = DType.Int16;
    public static readonly DType int32 = DType.Int32;
    public static readonly DType int64 = DType.Int64;
    public static readonly DType @bool = DType.Bool;
    public static readonly DType @string = DType.String;

    public static TfLessons.Graph get_default_graph() => TfLessons.Graph.Default;

    /// <summary>Starts a fresh default graph on this thread.</summary>
    public static void reset_default_graph() => TfLessons.Graph.ResetDefault();

    public static TfLessons.Graph Graph() => new();

    public static Session Session(TfLessons.Graph? graph = null, ConfigProto? config = null) => new(graph, config);

    public static Tensor placeholder(DType dtype, Shape? shape = null, string? name = null) =>
        StateOps.Placeholder(dtype, shape, name);

    /// <summary>
    /// A constant. With <paramref name="shape"/>, TensorFlow 1's rule: a value with fewer elements than the shape is
    /// padded with its last element (so a scalar fills it); more elements is an error, and so is a different shape
    /// when <paramref name="verify_shape"/> is set.
    /// </summary>
    public static Tensor constant(
        NDArray value,
        DType? dtype = null,
        string? name = null,
        Shape? shape = null,
        bool verify_shape = false
    )
    {
        if (dtype is DType d && d != value.DType) value = np.astype(value, d);
        if (shape is not null) value = ConstantShaped(value, shape, verify_shape);
        return StateOps.Const(value, name);
    }

    /// <summary>A variable initialized from a value: a C# float (<c>0f</c>) makes float32 as TensorFlow's Python floats
    /// do; a double makes float64.</summary>
    public static Variable Variable(
        NDArray initial_value,
        string? name = null,
        bool trainable = true,
        DType? dtype = null
    ) => TfLessons.Variable.Create(() => constant(initial_value, name: "initial_value"), name, trainable, dtype);

    /// <summary>A variable initialized by a graph computation (an initializer op such as random_normal).</summary>
    public static Variable Variable(
        Tensor initial_value,
        string? name = null,
        bool trainable = true,
        DType? dtype = null
    ) => TfLessons.Variable.Create(() => initial_value, name, trainable, dtype);

    public static Variable Variable(
        Func<Tensor> initial_value,
        string? name = null,
        bool trainable = true,
        DType? dtype = null
    ) => TfLessons.Variable.Create(initial_value, name, trainable, dtype);

    public static IReadOnlyList<Variable> global_variables() =>
        TfLessons.Graph.Default.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES);

    public static IReadOnlyList<Variable> trainable_variables() =>
        TfLessons.Graph.Default.get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES);

    public static Operation global_variables_initializer() => variables_initializer(global_variables(), "init");

    public static Operation variables_initializer(IEnumerable<Variable> var_list, string name = "init") =>
        group(var_list.Select(v => v.Initializer), name);

    /// <summary>A NoOp that runs after all <paramref name="inputs"/> (TensorFlow's <c>tf.group</c>).</summary>
    public static Operation group(IEnumerable<ITensorOrOperation> inputs, string? name = null)
    {
        var list = inputs.ToList();
        TfLessons.Graph g = list.Count > 0 ? list[0].Op.Graph : TfLessons.Graph.Default;
        using (g.ControlDependencies(list))
        {
            return StateOps.NoOp(name ?? "group_deps", g);
        }
    }

    public static Operation group(params ITensorOrOperation[] inputs) => group(inputs, null);

    public static IDisposable control_dependencies(params ITensorOrOperation[] control_inputs) =>
        TfLessons.Graph.Default.ControlDependencies(control_inputs);
    public static IDisposable name_scope(string name) => TfLessons.Graph.Default.NameScope(name);

    public static Tensor?[] gradients(
        Tensor ys,
        IEnumerable<Tensor> xs,
        Tensor? grad_ys = null,
        IEnumerable<Tensor>? stop_gradients = null
    ) => Autodiff.Gradients.Compute([ys], xs.ToList(), grad_ys is null ? null : [grad_ys], stop_gradients?.ToList());

    public static Tensor?[] gradients(
        IReadOnlyList<Tensor> ys,
        IEnumerable<Tensor> xs,
        IReadOnlyList<Tensor?>? grad_ys = null,
        IEnumerable<Tensor>? stop_gradients = null
    ) => Autodiff.Gradients.Compute(ys, xs.ToList(), grad_ys, stop_gradients?.ToList());

    public static Tensor add(Tensor x, Tensor y, string? name = null) => MathOps.Add(x, y, name);
    public static Tensor subtract(Tensor x, Tensor y, string? name = null) => MathOps.Sub(x, y, name);
    public static Tensor multiply(Tensor x, Tensor y, string? name = null) => MathOps.Mul(x, y, name);
    public static Tensor divide(Tensor x, Tensor y, string? name = null) => MathOps.TrueDiv(x, y, name);
    public static Tensor truediv(Tensor x, Tensor y, string? name = null) => MathOps.TrueDiv(x, y, name);
    public static Tensor maximum(Tensor x, Tensor y, string? name = null) => MathOps.Maximum(x, y, name);
    public static Tensor minimum(Tensor x, Tensor y, string? name = null) => MathOps.Minimum(x, y, name);
    public static Tensor pow(Tensor x, Tensor y, string? name = null) => MathOps.Pow(x, y, name);
    public static Tensor negative(Tensor x, string? name = null) => MathOps.Neg(x, name);
    public static Tensor square(Tensor x, string? name = null) => MathOps.Square(x, name);
    public static Tensor sqrt(Tensor x, string? name = null) => MathOps.Sqrt(x, name);
    public static Tensor exp(Tensor x, string? name = null) => MathOps.Exp(x, name);
    public static Tensor log(Tensor x, string? name = null) => MathOps.Log(x, name);
    public static Tensor sigmoid(Tensor x, string? name = null) => NnOps.Sigmoid(x, name);
    public static Tensor tanh(Tensor x, string? name = null) => NnOps.Tanh(x, name);
    public static Tensor add_n(IReadOnlyList<Tensor> inputs, string? name = null) => MathOps.AddN(inputs, name);
    public static Tensor cast(Tensor x, DType dtype, string? name = null) => MathOps.Cast(x, dtype, name);
    public static Tensor equal(Tensor x, Tensor y, string? name = null) => MathOps.Compare("Equal", x, y, name);
    public static Tensor not_equal(Tensor x, Tensor y, string? name = null) => MathOps.Compare("NotEqual", x, y, name);
    public static Tensor greater(Tensor x, Tensor y, string? name = null) => MathOps.Compare("Greater", x, y, name);

    public static Tensor greater_equal(Tensor x, Tensor y, string? name = null) =>
        MathOps.Compare("GreaterEqual", x, y, name);
    public static Tensor less(Tensor x, Tensor y, string? name = null) => MathOps.Compare("Less", x, y, name);

    public static Tensor less_equal(Tensor x, Tensor y, string? name = null) =>
        MathOps.Compare("LessEqual", x, y, name);

    public static Tensor matmul(
        Tensor a,
        Tensor b,
        bool transpose_a = false,
        bool transpose_b = false,
        string? name = null
    ) => MatMulOps.MatMulAny(a, b, transpose_a, transpose_b, name);

    // reduction_indices and keep_dims are TensorFlow 1's deprecated spellings of axis and keepdims, still accepted.
    public static Tensor reduce_sum(
        Tensor x,
        int[]? axis = null,
        bool keepdims = false,
        string? name = null,
        Axis? reduction_indices = null,
        bool? keep_dims = null
    ) => Reduce("Sum", x, axis, keepdims, name, reduction_indices, keep_dims);

    public static Tensor reduce_sum(
        Tensor x,
        int axis,
        bool keepdims = false,
        string? name = null,
        bool? keep_dims = null
    ) => reduce_sum(x, [axis], keepdims, name, null, keep_dims);

    public static Tensor reduce_mean(
        Tensor x,
        int[]? axis = null,
        bool keepdims = false,
        string? name = null,
        Axis? reduction_indices = null,
        bool? keep_dims = null
    ) => Reduce("Mean", x, axis, keepdims, name, reduction_indices, keep_dims);

    public static Tensor reduce_mean(
        Tensor x,
        int axis,
        bool keepdims = false,
        string? name = null,
        bool? keep_dims = null
    ) => reduce_mean(x, [axis], keepdims, name, null, keep_dims);

    public static Tensor reduce_max(
        Tensor x,
        int[]? axis = null,
        bool keepdims = false,
        string? name = null,
        Axis? reduction_indices = null,
        bool? keep_dims = null
    ) => Reduce("Max", x, axis, keepdims, name, reduction_indices, keep_dims);

    public static Tensor reduce_max(
        Tensor x,
        int axis,
        bool keepdims = false,
        string? name = null,
        bool? keep_dims = null
    ) => reduce_max(x, [axis], keepdims, name, null, keep_dims);

    public static Tensor reduce_min(
        Tensor x,
        int[]? axis = null,
        bool keepdims = false,
        string? name = null,
        Axis? reduction_indices = null,
        bool? keep_dims = null
    ) => Reduce("Min", x, axis, keepdims, name, reduction_indices, keep_dims);

    public static Tensor reduce_min(
        Tensor x,
        int axis,
        bool keepdims = false,
        string? name = null,
        bool? keep_dims = null
    ) => reduce_min(x, [axis], keepdims, name, null, keep_dims);
    public static Tensor argmax(Tensor x, int axis = 0, string? name = null) => ReduceOps.ArgMax(x, axis, name);

    public static Tensor reshape(Tensor x, int[] shape, string? name = null) => ArrayOps.Reshape(x, shape, name);

    public static Tensor transpose(Tensor x, int[]? perm = null, string? name = null) =>
        ArrayOps.Transpose(x, perm, name);
    public static Tensor identity(Tensor x, string? name = null) => ArrayOps.Identity(x, name);
    public static Tensor stop_gradient(Tensor x, string? name = null) => ArrayOps.StopGradient(x, name);
    public static Tensor zeros_like(Tensor x, string? name = null) => ArrayOps.ZerosLike(x, name);
    public static Tensor ones_like(Tensor x, string? name = null) => ArrayOps.OnesLike(x, name);

    public static Tensor zeros(Shape shape, DType? dtype = null, string? name = null) =>
        ArrayOps.Fill(shape.ToArray(), 0, dtype ?? DType.Float32, name ?? "zeros");

    public static Tensor ones(Shape shape, DType? dtype = null, string? name = null) =>
        ArrayOps.Fill(shape.ToArray(), 1, dtype ?? DType.Float32, name ?? "ones");

    public static Tensor fill(Shape dims, double value, DType? dtype = null, string? name = null) =>
        ArrayOps.Fill(dims.ToArray(), value, dtype ?? DType.Float32, name);

    public static Tensor strided_slice(
        Tensor x,
        int[] begin,
        int[] end,
        int[]? strides = null,
        int begin_mask = 0,
        int end_mask = 0,
        int shrink_axis_mask = 0,
        string? name = null
    ) =>
        ArrayOps.StridedSlice(
            x,
            begin,
            end,
            strides ?? Enumerable.Repeat(1, begin.Length).ToArray(),
            begin_mask,
            end_mask,
            shrink_axis_mask,
            name
        );

    /// <summary>The activations and losses of <c>tf.nn</c>.</summary>
    public static partial class nn
    {
        public static Tensor relu(Tensor x, string? name = null) => NnOps.Relu(x, name);
        public static Tensor sigmoid(Tensor x, string? name = null) => NnOps.Sigmoid(x, name);
        public static Tensor tanh(Tensor x, string? name = null) => NnOps.Tanh(x, name);
    }

    /// <summary>Optimizers and training helpers of <c>tf.train</c>.</summary>
    public static partial class train
    {
        public static Saver Saver(
            IEnumerable<Variable>? var_list = null,
            int max_to_keep = 5,
            double keep_checkpoint_every_n_hours = 10000
        ) => new(var_list, max_to_keep, keep_checkpoint_every_n_hours);

        /// <summary>The newest checkpoint prefix recorded in <paramref name="checkpoint_dir"/>'s state file, or
        /// null.</summary>
        public static string? latest_checkpoint(string checkpoint_dir) =>
            IO.Checkpoint.CheckpointState.LatestCheckpoint(checkpoint_dir);

        public static IO.Checkpoint.CheckpointState? get_checkpoint_state(string checkpoint_dir) =>
            IO.Checkpoint.CheckpointState.Read(checkpoint_dir);

        public static GradientDescentOptimizer GradientDescentOptimizer(
            Hyper learning_rate,
            string name = "GradientDescent"
        ) => new(learning_rate, name);

        public static MomentumOptimizer MomentumOptimizer(
            Hyper learning_rate,
            Hyper momentum,
            bool use_nesterov = false,
            string name = "Momentum"
        ) => new(learning_rate, momentum, use_nesterov, name);

        public static RMSPropOptimizer RMSPropOptimizer(
            Hyper learning_rate,
            double decay = 0.9,
            double momentum = 0.0,
            double epsilon = 1e-10,
            string name = "RMSProp"
        ) => new(learning_rate, decay, momentum, epsilon, name);

        public static AdamOptimizer AdamOptimizer(
            Hyper learning_rate,
            double beta1 = 0.9,
            double beta2 = 0.999,
            double epsilon = 1e-8,
            string name = "Adam"
        ) => new(learning_rate, beta1, beta2, epsilon, name);
    }
}
