using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

internal static partial class ReduceOps
{
    private static Kernel ProdKernel(KernelContext ctx)
    {
        var groups = ProdGroups.Create(ctx.InShapes[0], Axes(ctx.Op, ctx.InShapes[0].Length));
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return Bind.Typed(ctx, new ProdRun(groups, xi, d), TypeSet.Numeric);
    }

    private static Kernel ProdGradKernel(KernelContext ctx)
    {
        var groups = ProdGroups.Create(ctx.InShapes[1], Axes(ctx.Op, ctx.InShapes[1].Length));
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0], xi = ctx.In[1];
        return Bind.Typed(ctx, new ProdGradRun(groups, gi, xi, d), TypeSet.Floating, "gradients flow only through float32 and float64");
    }

    private readonly struct ProdRun(ProdGroups groups, int x, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T> => groups.Prod(v[x]!.Span<T>(), d.Span<T>());
    }

    private readonly struct ProdGradRun(ProdGroups groups, int g, int x, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T> => groups.ProdGrad(v[g]!.Span<T>(), v[x]!.Span<T>(), d.Span<T>());
    }
}
