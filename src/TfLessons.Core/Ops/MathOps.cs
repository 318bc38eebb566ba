using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Elementwise arithmetic: each op's builder, shape rule, kernel and gradient in one block.</summary>
internal static partial class MathOps
{
    public static void Register(Action<OpDef> add)
    {
        // Add: x + y.  grad: (dy, dy)
        add(Binary<AddOp>("Add",
            (op, dy) => [dy[0], dy[0]]));

        // Sub: x - y.  grad: (dy, -dy)
        add(Binary<SubOp>("Sub",
            (op, dy) => [dy[0], Neg(dy[0]!)]));

        // Mul: x * y.  grad: (dy * y, x * dy)
        add(Binary<MulOp>("Mul",
            (op, dy) => [Mul(dy[0]!, op.Inputs[1]), Mul(op.Inputs[0], dy[0]!)]));

        // RealDiv: x / y.  grad: (dy / y, dy * (-x / y / y))
        add(Binary<DivOp>("RealDiv",
            (op, dy) => [RealDiv(dy[0]!, op.Inputs[1]), Mul(dy[0]!, RealDiv(RealDiv(Neg(op.Inputs[0]), op.Inputs[1]), op.Inputs[1]))]));

        // Maximum: max(x, y).  grad: dy where x >= y to x, elsewhere to y.
        add(Binary<MaxOp>("Maximum",
            (op, dy) => SplitByMask(Compare("GreaterEqual", op.Inputs[0], op.Inputs[1]), dy[0]!)));

        // Minimum: min(x, y).  grad: dy where x <= y to x, elsewhere to y.
        add(Binary<MinOp>("Minimum",
            (op, dy) => SplitByMask(Compare("LessEqual", op.Inputs[0], op.Inputs[1]), dy[0]!)));

        // Pow: x ^ y.  grad: (dy * y * x^(y-1), dy * x^y * log(x) where x > 0, else 0)
        add(Binary<PowOp>("Pow", PowGrad));

        // Neg: -x.  grad: -dy
        add(Unary<NegOp>("Neg", (op, dy) => [Neg(dy[0]!)]));

        // Square: x^2.  grad: dy * (2 * x)
        add(Unary<SquareOp>("Square", (op, dy) => [Mul(dy[0]!, Mul(Constants.Like(op.Inputs[0], 2), op.Inputs[0]))]));

        // Sqrt: sqrt(x).  grad: SqrtGrad(y, dy) = dy * 0.5 / y (reuses the output y)
        add(Unary<SqrtOp>("Sqrt", (op, dy) => [GradOp("SqrtGrad", op.Outputs[0], dy[0]!)]));

        // Exp: e^x.  grad: dy * y (reuses the output y)
        add(Unary<ExpOp>("Exp", (op, dy) => [Mul(dy[0]!, op.Outputs[0])]));

        // Log: ln x.  grad: dy / x
        add(Unary<LogOp>("Log", (op, dy) => [RealDiv(dy[0]!, op.Inputs[0])]));

        // SqrtGrad(y, dy) = dy * 0.5 / y.  grad: (-dy * g * 0.5 / y^2 ... as -SqrtGrad(y, g) * dy / y, SqrtGrad(y, g))
        add(GradBinary<SqrtGradOp>("SqrtGrad",
            (op, g) => [Neg(RealDiv(Mul(GradOp("SqrtGrad", op.Inputs[0], g[0]!), op.Inputs[1]), op.Inputs[0])), GradOp("SqrtGrad", op.Inputs[0], g[0]!)]));

        // AddN: x0 + x1 + ... summed left to right like TensorFlow's kernel.  grad: dy to every input
        add(new OpDef("AddN", ShapeRules.SameAsAll, Bind.AddN, (op, dy) => op.Inputs.Select(_ => dy[0]).ToArray()));

        // Cast: a dtype conversion.  grad: dy cast back when both sides are floating, else none
        add(new OpDef("Cast", ShapeRules.Unchanged, CastKernel, (op, dy) =>
            [op.Inputs[0].DType.IsFloating() && op.Outputs[0].DType.IsFloating() ? Cast(dy[0]!, op.Inputs[0].DType) : null]));

        RegisterTfNet(add);

        // Comparisons: bool outputs, declared non-differentiable.
        add(Comparison<EqualOp>("Equal"));
        add(Comparison<NotEqualOp>("NotEqual"));
        add(Comparison<GreaterOp>("Greater"));
        add(Comparison<GreaterEqualOp>("GreaterEqual"));
        add(Comparison<LessOp>("Less"));
        add(Comparison<LessEqualOp>("LessEqual"));
    }

    public static Tensor Add(Tensor x, Tensor y, string? name = null) => BinaryOp("Add", x, y, name);
    public static Tensor Sub(Tensor x, Tensor y, string? name = null) => BinaryOp("Sub", x, y, name);
    public static Tensor Mul(Tensor x, Tensor y, string? name = null) => BinaryOp("Mul", x, y, name);
    public static Tensor RealDiv(Tensor x, Tensor y, string? name = null) => BinaryOp("RealDiv", x, y, name);

    /// <summary>TensorFlow's truediv (the / operator, tf.divide): integer operands are cast to float64 first, so 7 / 2 is 3.5.</summary>
    public static Tensor TrueDiv(Tensor x, Tensor y, string? name = null) =>
        x.DType is DType.Int32 or DType.Int64 && x.DType == y.DType ? RealDiv(Cast(x, DType.Float64), Cast(y, DType.Float64), name) : RealDiv(x, y, name);
    public static Tensor Maximum(Tensor x, Tensor y, string? name = null) => BinaryOp("Maximum", x, y, name);
    public static Tensor Minimum(Tensor x, Tensor y, string? name = null) => BinaryOp("Minimum", x, y, name);
    public static Tensor Pow(Tensor x, Tensor y, string? name = null) => BinaryOp("Pow", x, y, name);
    // Integer Neg and Square run on the integer Sub and Mul kernels (the unary kernels are floating-point).
    public static Tensor Neg(Tensor x, string? name = null) => x.DType.IsFloating() ? UnaryOp("Neg", x, name) : Sub(Constants.Like(x, 0), x, name);
    public static Tensor Square(Tensor x, string? name = null) => x.DType.IsFloating() ? UnaryOp("Square", x, name) : Mul(x, x, name);
    public static Tensor Sqrt(Tensor x, string? name = null) => FloatUnary("Sqrt", x, name);
    public static Tensor Exp(Tensor x, string? name = null) => FloatUnary("Exp", x, name);
    public static Tensor Log(Tensor x, string? name = null) => FloatUnary("Log", x, name);

    public static Tensor AddN(IReadOnlyList<Tensor> inputs, string? name = null)
    {
        if (inputs.Count == 0) throw new ArgumentException("AddN: needs at least one input");
        foreach (Tensor t in inputs) Build.SameDType("AddN", inputs[0], t, "inputs[0]", t.Name);
        return inputs.Count == 1 ? inputs[0] : Build.One("AddN", inputs.ToArray(), inputs[0].DType, name);
    }

    public static Tensor Cast(Tensor x, DType dtype, string? name = null) =>
        x.DType == dtype ? x : Build.One("Cast", [x], dtype, name, new CastAttrs(dtype));

    /// <summary>Cast's target dtype, TensorFlow's DstT (SrcT, the input's dtype, is the exporter's).</summary>
    internal readonly record struct CastAttrs(DType DstT) : IOpAttrs
    {
        public static CastAttrs Of(Operation op) => new(op.Attr<DType>("DstT"));

        /// <summary>DstT of a NodeDef being imported (it gives the node's output dtype).</summary>
        public static CastAttrs FromTf(IReadOnlyDictionary<string, object> tf) =>
            new(OpAttrs.Need<DType>(tf, "DstT", "Cast"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["DstT"] = DstT;
    }

    public static Tensor Compare(string type, Tensor x, Tensor y, string? name = null)
    {
        Build.SameDType(type, x, y);
        return Build.One(type, [x, y], DType.Bool, name);
    }

    internal static Tensor GradOp(string type, Tensor y, Tensor dy) => Build.One(type, [y, dy], y.DType, null);

    private static Tensor BinaryOp(string type, Tensor x, Tensor y, string? name)
    {
        Build.SameDType(type, x, y);
        Build.Numeric(type, x);
        return Build.One(type, [x, y], x.DType, name);
    }

    private static Tensor UnaryOp(string type, Tensor x, string? name)
    {
        Build.Numeric(type, x);
        return Build.One(type, [x], x.DType, name);
    }

    private static Tensor FloatUnary(string type, Tensor x, string? name)
    {
        Build.Floating(type, x);
        return Build.One(type, [x], x.DType, name);
    }

    private static Tensor?[] SplitByMask(Tensor mask, Tensor dy)
    {
        Tensor m = Cast(mask, dy.DType);
        return [Mul(dy, m), Mul(dy, Sub(Constants.Like(dy, 1), m))];
    }

    private static Tensor?[] PowGrad(Operation op, Tensor?[] dy)
    {
        Tensor x = op.Inputs[0], y = op.Inputs[1], z = op.Outputs[0], g = dy[0]!;
        Tensor dx = Mul(Mul(g, y), Pow(x, Sub(y, Constants.Like(y, 1))));
        Tensor positive = Compare("Greater", x, Constants.Like(x, 0));
        // NOTE: log is taken of where(x > 0, x, 1) and then masked, so x <= 0 gives 0 rather than NaN, as TensorFlow does.
        Tensor safeLog = LogicOps.Select(positive, Log(LogicOps.Select(positive, x, ArrayOps.OnesLike(x))), ArrayOps.ZerosLike(x));
        return [dx, Mul(Mul(g, z), safeLog)];
    }

    // The op blocks' kernel bindings: one operator each, dispatched over dtypes by Bind.
    internal static OpDef Binary<TOp>(string type, GradientFn grad) where TOp : IBinaryOp =>
        new(type, ShapeRules.Broadcast, Bind.Binary<TOp>, grad) { Broadcasting = true };

    internal static OpDef GradBinary<TOp>(string type, GradientFn grad) where TOp : IBinaryOp => new(type, ShapeRules.SameAsAll, Bind.Binary<TOp>, grad);

    internal static OpDef Unary<TOp>(string type, GradientFn? grad) where TOp : IUnaryOp => new(type, ShapeRules.Unchanged, Bind.Unary<TOp>, grad);

    private static OpDef Comparison<TOp>(string type) where TOp : ICompareOp =>
        new(type, ShapeRules.Broadcast, Bind.Compare<TOp>, null) { NotDifferentiable = true, Broadcasting = true };

    private static Kernel CastKernel(KernelContext ctx)
    {
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return Kernel.From(v => ArrayKernels.Cast(v[xi]!, d));
    }
}
