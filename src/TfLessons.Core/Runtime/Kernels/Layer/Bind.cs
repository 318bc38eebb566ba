using System.Numerics;
using TfLessons.Ops;

namespace TfLessons.Runtime.Kernels.Layer;

/// <summary>
/// The one dtype dispatch: an op block binds its kernel with one call naming its operator
/// (<c>Bind.Binary&lt;AddOp&gt;</c>), and the dtype of the plan picks the instantiation. Bools run as bytes.
/// </summary>
internal static class Bind
{
    public static Kernel Unary<TOp>(KernelContext ctx) where TOp : IUnaryOp
    {
        NDArray d = ctx.Output(0);
        int x = ctx.In[0];
        if (d.Size == 0) return Kernel.Nothing;
        return Supported(ctx, TOp.Types, ctx.InDType(0)) switch
        {
            DType.Float32 => new UnaryKernel<float, TOp>(x, d),
            DType.Float64 => new UnaryKernel<double, TOp>(x, d),
            DType.Int16 => new UnaryKernel<short, TOp>(x, d),
            DType.Int32 => new UnaryKernel<int, TOp>(x, d),
            DType.Int64 => new UnaryKernel<long, TOp>(x, d),
            _ => new UnaryKernel<byte, TOp>(x, d),
        };
    }

    public static Kernel Binary<TOp>(KernelContext ctx) where TOp : IBinaryOp
    {
        var l = BroadcastLayout.Create(ctx.InShapes[0], ctx.InShapes[1], ctx.OutShapes[0]);
        NDArray d = ctx.Output(0);
        int x = ctx.In[0], y = ctx.In[1];
        return Supported(ctx, TOp.Types, ctx.InDType(0)) switch
        {
            DType.Float32 => new BinaryKernel<float, TOp>(l, x, y, d),
            DType.Float64 => new BinaryKernel<double, TOp>(l, x, y, d),
            DType.Int16 => new BinaryKernel<short, TOp>(l, x, y, d),
            DType.Int32 => new BinaryKernel<int, TOp>(l, x, y, d),
            DType.Int64 => new BinaryKernel<long, TOp>(l, x, y, d),
            _ => new BinaryKernel<byte, TOp>(l, x, y, d),
        };
    }

    public static Kernel Compare<TOp>(KernelContext ctx) where TOp : ICompareOp
    {
        var l = BroadcastLayout.Create(ctx.InShapes[0], ctx.InShapes[1], ctx.OutShapes[0]);
        NDArray d = ctx.Output(0);
        int x = ctx.In[0], y = ctx.In[1];
        return Supported(ctx, TypeSet.Numeric | TypeSet.UInt8 | TypeSet.Bool, ctx.InDType(0)) switch
        {
            DType.Float32 => new CompareKernel<float, TOp>(l, x, y, d),
            DType.Float64 => new CompareKernel<double, TOp>(l, x, y, d),
            DType.Int16 => new CompareKernel<short, TOp>(l, x, y, d),
            DType.Int32 => new CompareKernel<int, TOp>(l, x, y, d),
            DType.Int64 => new CompareKernel<long, TOp>(l, x, y, d),
            _ => new CompareKernel<byte, TOp>(l, x, y, d),
        };
    }

    public static Kernel Predicate<TOp>(KernelContext ctx) where TOp : IPredicateOp
    {
        NDArray d = ctx.Output(0);
        int x = ctx.In[0];
        return Supported(ctx, TypeSet.Floating, ctx.InDType(0)) switch
        {
            DType.Float32 => new PredicateKernel<float, TOp>(x, d),
            _ => new PredicateKernel<double, TOp>(x, d),
        };
    }

    public static Kernel Select(KernelContext ctx)
    {
        NDArray d = ctx.Output(0);
        int c = ctx.In[0], x = ctx.In[1], y = ctx.In[2];
        return Supported(ctx, TypeSet.Numeric | TypeSet.UInt8 | TypeSet.Bool, d.DType) switch
        {
            DType.Float32 => new SelectKernel<float>(c, x, y, d),
            DType.Float64 => new SelectKernel<double>(c, x, y, d),
            DType.Int16 => new SelectKernel<short>(c, x, y, d),
            DType.Int32 => new SelectKernel<int>(c, x, y, d),
            DType.Int64 => new SelectKernel<long>(c, x, y, d),
            _ => new SelectKernel<byte>(c, x, y, d),
        };
    }

    /// <summary>A reduction over a layout the op block computed from its axes.</summary>
    public static Kernel Reduce<TOp>(KernelContext ctx, ReduceLayout l, TypeSet types, string? why = null) where TOp : IReduceOp
    {
        NDArray d = ctx.Output(0);
        int x = ctx.In[0];
        return Supported(ctx, types, ctx.InDType(0), why) switch
        {
            DType.Float32 => new ReduceKernel<float, TOp>(l, x, d),
            DType.Float64 => new ReduceKernel<double, TOp>(l, x, d),
            DType.Int16 => new ReduceKernel<short, TOp>(l, x, d),
            DType.Int32 => new ReduceKernel<int, TOp>(l, x, d),
            DType.Int64 => new ReduceKernel<long, TOp>(l, x, d),
            var t => throw ctx.Error($"no kernel for dtype {t.Name()}"),
        };
    }

    /// <summary>Input 0 repeated along the broadcast axes of the layout, then divided by <paramref name="divisor"/> (a mean's gradient).</summary>
    public static Kernel Broadcast(KernelContext ctx, BroadcastLayout l, int divisor = 1)
    {
        NDArray d = ctx.Output(0);
        int x = ctx.In[0];
        return Supported(ctx, TypeSet.Floating, ctx.OutDType(0), "gradients flow only through float32 and float64") switch
        {
            DType.Float32 => new BroadcastKernel<float>(l, x, d, divisor),
            _ => new BroadcastKernel<double>(l, x, d, divisor),
        };
    }

    /// <summary>AddN: the inputs summed left to right (((x0 + x1) + x2) ...), the order TensorFlow's kernel uses.</summary>
    public static Kernel AddN(KernelContext ctx)
    {
        NDArray d = ctx.Output(0);
        return Supported(ctx, TypeSet.Numeric, ctx.OutDType(0)) switch
        {
            DType.Float32 => new AddNKernel<float>(ctx.In, d),
            DType.Float64 => new AddNKernel<double>(ctx.In, d),
            DType.Int16 => new AddNKernel<short>(ctx.In, d),
            DType.Int32 => new AddNKernel<int>(ctx.In, d),
            DType.Int64 => new AddNKernel<long>(ctx.In, d),
            var t => throw ctx.Error($"no kernel for dtype {t.Name()}"),
        };
    }

    /// <summary>An in-place update: input 0 is the variable, then TOp.Slots slots, then the scalars, then the gradient.</summary>
    public static Kernel Update<TOp>(KernelContext ctx, int scalarCount) where TOp : IUpdateOp
    {
        VariableSlot[] vars = Enumerable.Range(0, 1 + TOp.Slots).Select(ctx.Variable).ToArray();
        int[] scalars = ctx.In.Skip(1 + TOp.Slots).Take(scalarCount).ToArray();
        int g = ctx.In[1 + TOp.Slots + scalarCount], y = ctx.Out[0];
        return Supported(ctx, TypeSet.Floating, ctx.OutDType(0), "variables updated by optimizers are float32 or float64") switch
        {
            DType.Float32 => new UpdateKernel<float, TOp>(vars, scalars, g, y),
            _ => new UpdateKernel<double, TOp>(vars, scalars, g, y),
        };
    }

    /// <summary>A kernel body generic in its element type (gathers, products, GEMM): the plan's dtype picks T.</summary>
    public static Kernel Typed<TRun>(KernelContext ctx, TRun run, TypeSet types, string? why = null) where TRun : struct, ITypedRun =>
        Supported(ctx, types, ctx.OutDType(0), why) switch
        {
            DType.Float32 => new TypedKernel<float, TRun>(run),
            DType.Float64 => new TypedKernel<double, TRun>(run),
            DType.Int16 => new TypedKernel<short, TRun>(run),
            DType.Int32 => new TypedKernel<int, TRun>(run),
            DType.Int64 => new TypedKernel<long, TRun>(run),
            var t => throw ctx.Error($"no kernel for dtype {t.Name()}"),
        };

    /// <summary>As <see cref="Typed"/>, for bodies that need floating-point T (softmax).</summary>
    public static Kernel Floating<TRun>(KernelContext ctx, TRun run, string? why = null) where TRun : struct, IFloatingRun =>
        Supported(ctx, TypeSet.Floating, ctx.OutDType(0), why) switch
        {
            DType.Float32 => new FloatingKernel<float, TRun>(run),
            _ => new FloatingKernel<double, TRun>(run),
        };

    private static DType Supported(KernelContext ctx, TypeSet types, DType t, string? why = null) =>
        types.Has(t) ? t : throw ctx.Error(why ?? $"no kernel for dtype {t.Name()}");

    private sealed class TypedKernel<T, TRun>(TRun run) : Kernel where T : unmanaged, INumber<T>, IMinMaxValue<T> where TRun : struct, ITypedRun
    {
        public override void Run(NDArray?[] v) => run.Run<T>(v);
    }

    private sealed class FloatingKernel<T, TRun>(TRun run) : Kernel where T : unmanaged, IFloatingPointIeee754<T> where TRun : struct, IFloatingRun
    {
        public override void Run(NDArray?[] v) => run.Run<T>(v);
    }

    private sealed class UnaryKernel<T, TOp>(int x, NDArray d) : Kernel where T : unmanaged, IBinaryNumber<T> where TOp : IUnaryOp
    {
        public override void Run(NDArray?[] v) => Drive.Unary<T, TOp>(v[x]!.Span<T>(), d.Span<T>());
    }

    private sealed class BinaryKernel<T, TOp>(BroadcastLayout l, int x, int y, NDArray d) : Kernel where T : unmanaged, IBinaryNumber<T> where TOp : IBinaryOp
    {
        // One element (scalar graphs: the w5 lesson, learning-rate arithmetic): straight to the operator's scalar
        // lane, the code the driver's tail runs, without the broadcast and width dispatch.
        private readonly bool _one = l.Size == 1;

        public override void Run(NDArray?[] v)
        {
            if (_one)
            {
                d.Array<T>()[0] = Drive.One<T, TOp>(v[x]!.Array<T>()[0], v[y]!.Array<T>()[0]);
                return;
            }
            Drive.Binary<T, TOp>(l, v[x]!.Span<T>(), v[y]!.Span<T>(), d.Span<T>());
        }
    }

    private sealed class CompareKernel<T, TOp>(BroadcastLayout l, int x, int y, NDArray d) : Kernel where T : unmanaged, IBinaryNumber<T> where TOp : ICompareOp
    {
        public override void Run(NDArray?[] v) => Drive.Compare<T, TOp>(l, v[x]!.Span<T>(), v[y]!.Span<T>(), d.Span<bool>());
    }

    private sealed class PredicateKernel<T, TOp>(int x, NDArray d) : Kernel where T : unmanaged, IBinaryNumber<T> where TOp : IPredicateOp
    {
        public override void Run(NDArray?[] v) => Drive.Predicate<T, TOp>(v[x]!.Span<T>(), d.Span<bool>());
    }

    private sealed class SelectKernel<T>(int c, int x, int y, NDArray d) : Kernel where T : unmanaged
    {
        public override void Run(NDArray?[] v) => Drive.Select(v[c]!.Span<bool>(), v[x]!.Span<T>(), v[y]!.Span<T>(), d.Span<T>());
    }

    private sealed class ReduceKernel<T, TOp>(ReduceLayout l, int x, NDArray d) : Kernel
        where T : unmanaged, INumber<T>, IMinMaxValue<T> where TOp : IReduceOp
    {
        public override void Run(NDArray?[] v) => Reductions.Reduce<T, TOp>(l, v[x]!.Span<T>(), d.Span<T>());
    }

    private sealed class BroadcastKernel<T>(BroadcastLayout l, int x, NDArray d, int divisor) : Kernel where T : unmanaged, IBinaryNumber<T>
    {
        private readonly T _divisor = T.CreateTruncating(divisor);

        public override void Run(NDArray?[] v)
        {
            ReadOnlySpan<T> xs = v[x]!.Span<T>();
            Span<T> ds = d.Span<T>();
            if (divisor == 1)
            {
                Elementwise.BroadcastCopy(l, xs, ds);
                return;
            }
            // One pass over the output instead of a copy and then a division: each chunk is divided as it is written,
            // and a chunk with the same source as the previous one is copied from it (the same quotients, same bits).
            ReadOnlySpan<T> div = new(in _divisor);
            if (l.Same)
            {
                Drive.Binary<T, DivOp, Runs, Repeats>(xs, div, ds);
                return;
            }
            int inner = l.Inner;
            int[] xo = l.XOffsets;
            for (int c = 0; c < xo.Length; c++)
            {
                Span<T> dc = ds.Slice(c * inner, inner);
                if (l.XRepeats) Drive.Binary<T, DivOp, Repeats, Repeats>(xs.Slice(xo[c], 1), div, dc);
                else if (c > 0 && xo[c] == xo[c - 1]) ds.Slice((c - 1) * inner, inner).CopyTo(dc);
                else Drive.Binary<T, DivOp, Runs, Repeats>(xs.Slice(xo[c], inner), div, dc);
            }
        }
    }

    private sealed class AddNKernel<T>(int[] inputs, NDArray d) : Kernel where T : unmanaged, IBinaryNumber<T>
    {
        public override void Run(NDArray?[] v)
        {
            Span<T> sum = d.Span<T>();
            Drive.Binary<T, AddOp, Runs, Runs>(v[inputs[0]]!.Span<T>(), v[inputs[1]]!.Span<T>(), sum);
            for (int k = 2; k < inputs.Length; k++) Drive.Binary<T, AddOp, Runs, Runs>(sum, v[inputs[k]]!.Span<T>(), sum);
        }
    }

    private sealed class UpdateKernel<T, TOp>(VariableSlot[] vars, int[] scalars, int g, int y) : Kernel
        where T : unmanaged, IBinaryFloatingPointIeee754<T> where TOp : IUpdateOp
    {
        public override void Run(NDArray?[] v)
        {
            Span<T> inputs = stackalloc T[scalars.Length], h = stackalloc T[4];
            for (int i = 0; i < scalars.Length; i++) inputs[i] = v[scalars[i]]!.Span<T>()[0];
            TOp.Prepare<T>(inputs, h);
            Span<T> w = vars[0].Live().Span<T>();
            Span<T> s0 = TOp.Slots > 0 ? vars[1].Live().Span<T>() : w, s1 = TOp.Slots > 1 ? vars[2].Live().Span<T>() : w;
            Drive.Update<T, TOp>(w, s0, s1, v[g]!.Span<T>(), h);
            v[y] = vars[0].Value;
        }
    }
}
