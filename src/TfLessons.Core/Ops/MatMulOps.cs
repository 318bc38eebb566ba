using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>MatMul with its four transpose cases, and BatchMatMulV2 for rank 3 and above (broadcast batch dimensions).</summary>
internal static class MatMulOps
{
    public static void Register(Action<OpDef> add)
    {
        // MatMul: op(a) @ op(b) where op transposes when transpose_a / transpose_b is set.
        // grad (TensorFlow's _MatMulGrad, by case):
        //   (F,F): da = dy @ b^T,   db = a^T @ dy      (F,T): da = dy @ b,     db = dy^T @ a
        //   (T,F): da = b @ dy^T,   db = a @ dy        (T,T): da = b^T @ dy^T, db = dy^T @ a^T
        add(new OpDef("MatMul", MatMulShape, MatMulKernel, (op, dy) =>
        {
            Tensor a = op.Inputs[0], b = op.Inputs[1], g = dy[0]!;
            (bool ta, bool tb) = MatMulAttrs.Of(op);
            return (ta, tb) switch
            {
                (false, false) => [MatMul(g, b, false, true), MatMul(a, g, true, false)],
                (false, true) => [MatMul(g, b, false, false), MatMul(g, a, true, false)],
                (true, false) => [MatMul(b, g, false, true), MatMul(a, g, false, false)],
                (true, true) => [MatMul(b, g, true, true), MatMul(g, a, true, true)],
            };
        }));

        // BatchMatMulV2: adj(x) @ adj(y) per batch, batch dimensions broadcast.  grad (TensorFlow's _BatchMatMulV2, by case):
        //   (F,F): dx = dy @ y^T, dy' = x^T @ dy   (F,T): dx = dy @ y,  dy' = dy^T @ x
        //   (T,F): dx = y @ dy^T, dy' = x @ dy     (T,T): dx = y^T @ dy^T, dy' = dy^T @ x^T
        // then summed over broadcast batch axes (the driver's SumToShape, as the matrix axes always match).
        add(new OpDef("BatchMatMulV2", BatchShape, BatchKernel, (op, dy) =>
        {
            Tensor x = op.Inputs[0], y = op.Inputs[1], g = dy[0]!;
            (bool ta, bool tb) = BatchMatMulAttrs.Of(op);
            return (ta, tb) switch
            {
                (false, false) => [BatchMatMul(g, y, false, true), BatchMatMul(x, g, true, false)],
                (false, true) => [BatchMatMul(g, y, false, false), BatchMatMul(g, x, true, false)],
                (true, false) => [BatchMatMul(y, g, false, true), BatchMatMul(x, g, false, false)],
                (true, true) => [BatchMatMul(y, g, true, true), BatchMatMul(g, x, true, true)],
            };
        })
        { Broadcasting = true });
    }

    /// <summary>tf.matmul: MatMul for two matrices, BatchMatMulV2 when either side has rank above 2 or unknown rank (as TensorFlow).</summary>
    public static Tensor MatMulAny(Tensor a, Tensor b, bool transposeA, bool transposeB, string? name)
    {
        bool batched = a.Shape.IsUnknownRank || b.Shape.IsUnknownRank || a.Shape.Rank > 2 || b.Shape.Rank > 2;
        return batched ? BatchMatMul(a, b, transposeA, transposeB, name) : MatMul(a, b, transposeA, transposeB, name);
    }

    public static Tensor BatchMatMul(Tensor x, Tensor y, bool adjX = false, bool adjY = false, string? name = null)
    {
        Build.SameDType("BatchMatMulV2", x, y, "x", "y");
        Build.Numeric("BatchMatMulV2", x);
        return Build.One("BatchMatMulV2", [x, y], x.DType, name ?? "MatMul", new BatchMatMulAttrs(adjX, adjY));
    }

    /// <summary>BatchMatMulV2's attributes: adjoint (here: transpose) x and y.</summary>
    internal readonly record struct BatchMatMulAttrs(bool AdjX, bool AdjY) : IOpAttrs
    {
        public static BatchMatMulAttrs Of(Operation op) => new(op.Attr<bool>("adj_x"), op.Attr<bool>("adj_y"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["adj_x"] = AdjX;
            attrs["adj_y"] = AdjY;
        }
    }

    private static Shape[] BatchShape(Operation op, Shape[] s)
    {
        Shape x = s[0], y = s[1];
        if (x.IsUnknownRank || y.IsUnknownRank) return [Shape.Unknown];
        if (x.Rank < 2) throw ShapeRules.ShapeError(op, $"Shape must be at least rank 2 but is rank {x.Rank}", s);
        if (y.Rank < 2) throw ShapeRules.ShapeError(op, $"Shape must be at least rank 2 but is rank {y.Rank}", s);
        (bool ta, bool tb) = BatchMatMulAttrs.Of(op);
        int m = ta ? x[-1] : x[-2], kx = ta ? x[-2] : x[-1], ky = tb ? y[-1] : y[-2], n = tb ? y[-2] : y[-1];
        if (kx != -1 && ky != -1 && kx != ky) throw ShapeRules.ShapeError(op, $"Dimensions must be equal, but are {kx} and {ky}", s);
        Shape batch = ShapeRules.BroadcastShapes(op, new Shape(x.ToArray()[..^2]), new Shape(y.ToArray()[..^2]), s);
        return [new Shape([.. batch.ToArray(), m, n])];
    }

    private static Kernel BatchKernel(KernelContext ctx)
    {
        BatchLayout layout;
        (bool adjX, bool adjY) = BatchMatMulAttrs.Of(ctx.Op);
        try { layout = BatchLayout.Create(ctx.InShapes[0], ctx.InShapes[1], adjX, adjY); }
        catch (ArgumentException e) { throw ctx.Error(e.Message); }
        if (layout.K != (layout.Ta ? ctx.InShapes[0][^2] : ctx.InShapes[0][^1]) || layout.K != (layout.Tb ? ctx.InShapes[1][^1] : ctx.InShapes[1][^2]))
            throw ctx.Error($"In[0] mismatch In[1] shape: {Shape.Format(ctx.InShapes[0])} vs. {Shape.Format(ctx.InShapes[1])}");
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0], yi = ctx.In[1];
        return Bind.Typed(ctx, new BatchRun(layout, xi, yi, d), TypeSet.Numeric);
    }

    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false, string? name = null)
    {
        Build.SameDType("MatMul", a, b, "a", "b");
        Build.Numeric("MatMul", a);
        return Build.One("MatMul", [a, b], a.DType, name, new MatMulAttrs(transposeA, transposeB));
    }

    /// <summary>MatMul's attributes: whether a and b are transposed before multiplying.</summary>
    internal readonly record struct MatMulAttrs(bool TransposeA, bool TransposeB) : IOpAttrs
    {
        public static MatMulAttrs Of(Operation op) => new(op.Attr<bool>("transpose_a"), op.Attr<bool>("transpose_b"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["transpose_a"] = TransposeA;
            attrs["transpose_b"] = TransposeB;
        }
    }

    private static Shape[] MatMulShape(Operation op, Shape[] s)
    {
        Shape a = s[0], b = s[1];
        if (a.IsUnknownRank || b.IsUnknownRank) return [new Shape(-1, -1)];
        if (a.Rank != 2) throw ShapeRules.ShapeError(op, $"Shape must be rank 2 but is rank {a.Rank}", s);
        if (b.Rank != 2) throw ShapeRules.ShapeError(op, $"Shape must be rank 2 but is rank {b.Rank}", s);
        (bool ta, bool tb) = MatMulAttrs.Of(op);
        int m = ta ? a[1] : a[0], ka = ta ? a[0] : a[1];
        int kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
        if (ka != -1 && kb != -1 && ka != kb) throw ShapeRules.ShapeError(op, $"Dimensions must be equal, but are {ka} and {kb}", s);
        return [new Shape(m, n)];
    }

    private static Kernel MatMulKernel(KernelContext ctx)
    {
        (bool ta, bool tb) = MatMulAttrs.Of(ctx.Op);
        int[] a = ctx.InShapes[0], b = ctx.InShapes[1];
        int m = ta ? a[1] : a[0], k = ta ? a[0] : a[1], n = tb ? b[0] : b[1];
        NDArray d = ctx.Output(0);
        int ai = ctx.In[0], bi = ctx.In[1];
        return ctx.OutDType(0) switch
        {
            DType.Float32 => Kernel.From(v => Gemm.Multiply(ta, tb, m, n, k, v[ai]!.Span<float>(), v[bi]!.Span<float>(), d.Span<float>())),
            DType.Float64 => Kernel.From(v => Gemm.Multiply(ta, tb, m, n, k, v[ai]!.Span<double>(), v[bi]!.Span<double>(), d.Span<double>())),
            DType.Int32 => Kernel.From(v => BatchLayout.IntegerProduct(ta, tb, m, n, k, v[ai]!.Span<int>(), v[bi]!.Span<int>(), d.Span<int>())),
            DType.Int64 => Kernel.From(v => BatchLayout.IntegerProduct(ta, tb, m, n, k, v[ai]!.Span<long>(), v[bi]!.Span<long>(), d.Span<long>())),
            _ => throw ctx.Error($"no kernel for {ctx.OutDType(0).Name()}"),
        };
    }

    private readonly struct BatchRun(BatchLayout layout, int x, int y, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T> => layout.Multiply(v[x]!.Span<T>(), v[y]!.Span<T>(), d.Span<T>());
    }
}
