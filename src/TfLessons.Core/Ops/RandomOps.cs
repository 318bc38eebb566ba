using TfLessons.Random;
using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>
/// TensorFlow's stateful random ops on its Philox generator: the same numbers as TensorFlow 1's CPU kernels
/// for the same (seed, seed2), and each session run continues down the stream as TensorFlow's does.
/// </summary>
internal static class RandomOps
{
    public static void Register(Action<OpDef> add)
    {
        // RandomUniform: U[0, 1).  RandomStandardNormal: N(0, 1) by Box-Muller.  TruncatedNormal: N(0, 1) redrawn outside 2 sigma.
        foreach (string type in new[] { "RandomUniform", "RandomStandardNormal", "TruncatedNormal" })
        {
            add(new OpDef(type, (op, s) => [new Shape(RandomAttrs.Of(op).Shape)], ctx => RandomKernel(ctx, type), null)
            { NotDifferentiable = true });
        }

        // RandomUniformLike(x): U[0, 1) in x's runtime shape (TensorFlow's RandomUniform fed shape(x), as dropout does).
        // Engine-only: TensorFlow's RandomUniform takes the shape as a tensor; taking x gives the shape when the
        // plan is built, without a Shape op. The stream is the same as RandomUniform's with the same seeds.
        add(new OpDef("RandomUniformLike", (op, s) => [s[0]], ctx => RandomKernel(ctx, "RandomUniform"), null) { NotDifferentiable = true });
    }

    /// <summary>Creates a random op, deriving (seed, seed2) from the graph seed and op seed by TensorFlow 1's get_seed.</summary>
    public static Tensor Random(string type, int[] shape, DType dtype, int? seed, string? name)
    {
        if (!dtype.IsFloating()) throw new ArgumentException($"{type}: dtype must be float32 or float64, not {dtype.Name()}");
        Graph graph = Graph.Default;
        StateOps.Const(np.array(shape), "shape", graph);
        (long s1, long s2) = TfSeed.Get(graph.Seed, seed, graph.Operations.Count);
        var attrs = new RandomAttrs((int[])shape.Clone(), s1, s2);
        return graph.CreateOp(type, [], [dtype], name ?? type, attrs.ToAttrs()).Outputs[0];
    }

    /// <summary>
    /// A random op's static shape (TensorFlow passes it as the input "shape") and its Philox seeds (TensorFlow's
    /// attributes seed and seed2, 0 when absent).
    /// </summary>
    internal readonly record struct RandomAttrs(int[] Shape, long Seed, long Seed2) : IOpAttrs
    {
        public static RandomAttrs Of(Operation op) =>
            new(op.Attr<int[]>("shape"), op.Attr<long>("seed"), op.Attr<long>("seed2"));

        public static RandomAttrs FromTf(IReadOnlyDictionary<string, object> tf, int[] shape, string type) =>
            new(shape, OpAttrs.GetInt64(tf, "seed", 0, type), OpAttrs.GetInt64(tf, "seed2", 0, type));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["shape"] = Shape;
            WriteTf(attrs);
        }

        public void WriteTf(IDictionary<string, object> attrs)
        {
            attrs["seed"] = Seed;
            attrs["seed2"] = Seed2;
        }
    }

    /// <summary>RandomUniformLike's seeds, as RandomUniform's.</summary>
    internal readonly record struct SeedAttrs(long Seed, long Seed2) : IOpAttrs
    {
        public static SeedAttrs Of(Operation op) => new(op.Attr<long>("seed"), op.Attr<long>("seed2"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["seed"] = Seed;
            attrs["seed2"] = Seed2;
        }
    }

    /// <summary>U[0, 1) shaped like <paramref name="like"/> at run time, seeded as <see cref="Random"/>.</summary>
    public static Tensor UniformLike(Tensor like, int? seed, string? name = null)
    {
        Graph graph = like.Graph;
        (long s1, long s2) = TfSeed.Get(graph.Seed, seed, graph.Operations.Count);
        var attrs = new SeedAttrs(s1, s2).ToAttrs();
        return graph.CreateOp("RandomUniformLike", [like], [like.DType], name ?? "random_uniform", attrs).Outputs[0];
    }

    private static Kernel RandomKernel(KernelContext ctx, string type)
    {
        TfRandomOpState state = ctx.RandomState();
        NDArray d = ctx.Output(0);
        int count = d.Size;
        return (type, d.DType) switch
        {
            ("RandomUniform", DType.Float32) => Kernel.From(_ => TfRandom.FillUniform(state.ReserveRandomOutputs(count), d.Span<float>())),
            ("RandomUniform", _) => Kernel.From(_ => TfRandom.FillUniform(state.ReserveRandomOutputs(count), d.Span<double>())),
            ("RandomStandardNormal", DType.Float32) => Kernel.From(_ => TfRandom.FillStandardNormal(state.ReserveRandomOutputs(count), d.Span<float>())),
            ("RandomStandardNormal", _) => Kernel.From(_ => TfRandom.FillStandardNormal(state.ReserveRandomOutputs(count), d.Span<double>())),
            ("TruncatedNormal", DType.Float32) => Kernel.From(_ => TfRandom.FillTruncatedNormal(state.ReserveRandomOutputs(count), d.Span<float>())),
            _ => Kernel.From(_ => TfRandom.FillTruncatedNormal(state.ReserveRandomOutputs(count), d.Span<double>())),
        };
    }
}
