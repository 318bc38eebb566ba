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
            add(new OpDef(type, (op, s) => [new Shape(op.Attr<int[]>("shape"))], ctx => RandomKernel(ctx, type), null) { NotDifferentiable = true });
        }

        // RandomUniformLike(x): U[0, 1) in x's runtime shape (TensorFlow's RandomUniform fed shape(x), as dropout does).
        add(new OpDef("RandomUniformLike", (op, s) => [s[0]], ctx => RandomKernel(ctx, "RandomUniform"), null) { NotDifferentiable = true });
    }

    /// <summary>Creates a random op, deriving (seed, seed2) from the graph seed and op seed by TensorFlow 1's get_seed.</summary>
    public static Tensor Random(string type, int[] shape, DType dtype, int? seed, string? name)
    {
        if (!dtype.IsFloating()) throw new ArgumentException($"{type}: dtype must be float32 or float64, not {dtype.Name()}");
        Graph graph = Graph.Default;
        StateOps.Const(np.array(shape), "shape", graph);
        (long s1, long s2) = TfSeed.Get(graph.Seed, seed, graph.Operations.Count);
        return graph.CreateOp(type, [], [dtype], name ?? type, new() { ["shape"] = (int[])shape.Clone(), ["seed"] = s1, ["seed2"] = s2 }).Outputs[0];
    }

    /// <summary>U[0, 1) shaped like <paramref name="like"/> at run time, seeded as <see cref="Random"/>.</summary>
    public static Tensor UniformLike(Tensor like, int? seed, string? name = null)
    {
        Graph graph = like.Graph;
        (long s1, long s2) = TfSeed.Get(graph.Seed, seed, graph.Operations.Count);
        return graph.CreateOp("RandomUniformLike", [like], [like.DType], name ?? "random_uniform", new() { ["seed"] = s1, ["seed2"] = s2 }).Outputs[0];
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
