using TfLessons.Kernels;

namespace TfLessons;

internal static partial class ReduceOps
{
    private static Kernel ProdKernel(KernelContext ctx)
    {
        var groups = ProdGroups.Create(ctx.InShapes[0], Axes(ctx.Op, ctx.InShapes[0].Length));
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return ctx.InDType(0) switch
        {
            DType.Float32 => Kernel.From(v => groups.Prod(v[xi]!.Span<float>(), d.Span<float>())),
            DType.Float64 => Kernel.From(v => groups.Prod(v[xi]!.Span<double>(), d.Span<double>())),
            DType.Int32 => Kernel.From(v => groups.Prod(v[xi]!.Span<int>(), d.Span<int>())),
            DType.Int64 => Kernel.From(v => groups.Prod(v[xi]!.Span<long>(), d.Span<long>())),
            _ => throw ctx.Error("no kernel for bool"),
        };
    }

    private static Kernel ProdGradKernel(KernelContext ctx)
    {
        var groups = ProdGroups.Create(ctx.InShapes[1], Axes(ctx.Op, ctx.InShapes[1].Length));
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0], xi = ctx.In[1];
        return ctx.OutDType(0) switch
        {
            DType.Float32 => Kernel.From(v => groups.ProdGrad(v[gi]!.Span<float>(), v[xi]!.Span<float>(), d.Span<float>())),
            DType.Float64 => Kernel.From(v => groups.ProdGrad(v[gi]!.Span<double>(), v[xi]!.Span<double>(), d.Span<double>())),
            _ => throw ctx.Error("gradients flow only through float32 and float64"),
        };
    }
}
