using TfLessons.Kernels;

namespace TfLessons;

/// <summary>MatMul with its four transpose cases.</summary>
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
            bool ta = op.Attr<bool>("transpose_a"), tb = op.Attr<bool>("transpose_b");
            return (ta, tb) switch
            {
                (false, false) => [MatMul(g, b, false, true), MatMul(a, g, true, false)],
                (false, true) => [MatMul(g, b, false, false), MatMul(g, a, true, false)],
                (true, false) => [MatMul(b, g, false, true), MatMul(a, g, false, false)],
                (true, true) => [MatMul(b, g, true, true), MatMul(g, a, true, true)],
            };
        }));
    }

    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false, string? name = null)
    {
        Build.SameDType("MatMul", a, b, "a", "b");
        Build.Floating("MatMul", a);
        return Build.One("MatMul", [a, b], a.DType, name, new() { ["transpose_a"] = transposeA, ["transpose_b"] = transposeB });
    }

    private static Shape[] MatMulShape(Operation op, Shape[] s)
    {
        Shape a = s[0], b = s[1];
        if (a.IsUnknownRank || b.IsUnknownRank) return [new Shape(-1, -1)];
        if (a.Rank != 2) throw ShapeRules.ShapeError(op, $"Shape must be rank 2 but is rank {a.Rank}", s);
        if (b.Rank != 2) throw ShapeRules.ShapeError(op, $"Shape must be rank 2 but is rank {b.Rank}", s);
        bool ta = op.Attr<bool>("transpose_a"), tb = op.Attr<bool>("transpose_b");
        int m = ta ? a[1] : a[0], ka = ta ? a[0] : a[1];
        int kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
        if (ka != -1 && kb != -1 && ka != kb) throw ShapeRules.ShapeError(op, $"Dimensions must be equal, but are {ka} and {kb}", s);
        return [new Shape(m, n)];
    }

    private static Kernel MatMulKernel(KernelContext ctx)
    {
        bool ta = ctx.Op.Attr<bool>("transpose_a"), tb = ctx.Op.Attr<bool>("transpose_b");
        int[] a = ctx.InShapes[0], b = ctx.InShapes[1];
        int m = ta ? a[1] : a[0], k = ta ? a[0] : a[1], n = tb ? b[0] : b[1];
        NDArray d = ctx.Output(0);
        int ai = ctx.In[0], bi = ctx.In[1];
        return ctx.OutDType(0) switch
        {
            DType.Float32 => Kernel.From(v => Gemm.Multiply(ta, tb, m, n, k, v[ai]!.Span<float>(), v[bi]!.Span<float>(), d.Span<float>())),
            DType.Float64 => Kernel.From(v => Gemm.Multiply(ta, tb, m, n, k, v[ai]!.Span<double>(), v[bi]!.Span<double>(), d.Span<double>())),
            _ => throw ctx.Error($"no kernel for {ctx.OutDType(0).Name()}"),
        };
    }
}
