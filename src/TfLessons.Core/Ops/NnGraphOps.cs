using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>Ops TF1's layers and losses write that the builders here express otherwise: BiasAdd, BiasAddGrad, L2Loss, Reciprocal, IsVariableInitialized.</summary>
internal static class NnGraphOps
{
    public static void Register(Action<OpDef> add)
    {
        add(new OpDef("BiasAdd", BiasAddShape, ctx => Map(ctx, (x, i) => x[0].GetDouble(i) + x[1].GetDouble(i % x[1].Size)),
            (op, dy) => [dy[0], Build.One("BiasAddGrad", [dy[0]!], dy[0]!.DType, null)]));
        add(new OpDef("BiasAddGrad", (op, s) => [s[0].IsUnknownRank ? new Shape(-1) : new Shape(s[0][-1])], BiasAddGradKernel, null));
        add(new OpDef("L2Loss", ShapeRules.Scalar, L2LossKernel, (op, dy) => [MathOps.Mul(op.Inputs[0], dy[0]!)]));
        add(new OpDef("Reciprocal", ShapeRules.Unchanged, ctx => Map(ctx, (x, i) => 1 / x[0].GetDouble(i)),
            (op, dy) => [MathOps.Neg(MathOps.Mul(dy[0]!, MathOps.Square(op.Outputs[0])))]));
        add(new OpDef("IsVariableInitialized", ShapeRules.Scalar, ctx =>
        {
            VariableSlot slot = ctx.Variable(0);
            int yi = ctx.Out[0];
            return Kernel.From(v => v[yi] = new NDArray(DType.Bool, [], new[] { slot.Value is not null }));
        }, null)
        { NotDifferentiable = true, RefInputs = [0] });
    }

    private static Shape[] BiasAddShape(Operation op, Shape[] s)
    {
        if (BiasAddAttrs.Of(op).DataFormat != "NHWC")
            throw ShapeRules.ShapeError(op, "only data_format NHWC is supported", s);
        if (!s[0].IsUnknownRank && !s[1].IsUnknownRank && s[0][-1] != -1 && s[1][0] != -1 && s[0][-1] != s[1][0])
            throw ShapeRules.ShapeError(op, $"Dimensions must be equal, but are {s[0][-1]} and {s[1][0]}", s);
        return [s[0]];
    }

    /// <summary>BiasAdd's data_format (TensorFlow's attribute, NHWC by default; the only one supported).</summary>
    internal readonly record struct BiasAddAttrs(string DataFormat) : IOpAttrs
    {
        public static BiasAddAttrs Of(Operation op) => new(op.Attr("data_format", "NHWC"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["data_format"] = DataFormat;
    }

    private static Kernel Map(KernelContext ctx, Func<NDArray[], int, double> f)
    {
        int[] ins = ctx.In;
        int yi = ctx.Out[0];
        NDArray y = ctx.Output(0);
        return Kernel.From(v =>
        {
            NDArray[] x = ins.Select(i => v[i]!).ToArray();
            for (int i = 0; i < y.Size; i++) y.SetDouble(i, f(x, i));
            v[yi] = y;
        });
    }

    private static Kernel BiasAddGradKernel(KernelContext ctx)
    {
        int xi = ctx.In[0];
        NDArray y = ctx.Output(0);
        return Kernel.From(v =>
        {
            NDArray x = v[xi]!;
            var acc = new double[y.Size];
            for (int i = 0; i < x.Size; i++) acc[i % acc.Length] += x.GetDouble(i);
            for (int i = 0; i < acc.Length; i++) y.SetDouble(i, acc[i]);
        });
    }

    private static Kernel L2LossKernel(KernelContext ctx)
    {
        int xi = ctx.In[0];
        NDArray y = ctx.Output(0);
        return Kernel.From(v =>
        {
            NDArray x = v[xi]!;
            double sum = 0;
            for (int i = 0; i < x.Size; i++) sum += x.GetDouble(i) * x.GetDouble(i);
            y.SetDouble(0, sum / 2);
        });
    }
}
