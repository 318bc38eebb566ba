using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

internal static partial class TrainOps
{
    /// <summary>An update kernel over (var, slots..., scalars..., grad) for float32 and float64.</summary>
    private delegate void UpdateFn<T>(Span<T> var, T[][] slots, T[] scalars, ReadOnlySpan<T> grad, bool nesterov) where T : unmanaged, INumber<T>;

    static partial void RegisterOptimizers(Action<OpDef> add)
    {
        // ApplyMomentum(var, accum, lr, grad, momentum): accum = accum * momentum + grad; var -= accum * lr
        // (use_nesterov: var -= grad * lr + accum * momentum * lr)
        add(Fused("ApplyMomentum", slotCount: 1, scalarCount: 2, ctx => MomentumAttrs.Of(ctx.Op).UseNesterov
            ? Bind.Update<NesterovMomentumOp>(ctx, 2) : Bind.Update<MomentumOp>(ctx, 2)));

        // ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad):
        // ms += (grad^2 - ms) * (1 - rho); mom = mom * momentum + lr * grad / sqrt(ms + epsilon); var -= mom
        add(Fused("ApplyRMSProp", slotCount: 2, scalarCount: 4, ctx => Bind.Update<RmsPropOp>(ctx, 4)));

        // ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        // lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power); m += (g - m) * (1 - beta1);
        // v += (g^2 - v) * (1 - beta2); var -= lr_t * m / (sqrt(v) + epsilon)
        add(Fused("ApplyAdam", slotCount: 2, scalarCount: 6, ctx => Bind.Update<AdamOp>(ctx, 6)));

    }

    /// <summary>ApplyMomentum's use_nesterov (TensorFlow's attribute, false by default; no use_locking).</summary>
    internal readonly record struct MomentumAttrs(bool UseNesterov) : IOpAttrs
    {
        public static MomentumAttrs Of(Operation op) => new(op.Attr("use_nesterov", false));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["use_nesterov"] = UseNesterov;
    }

    /// <summary>The OpDef of an in-place update whose kernel is a fused operator (Bind.Update).</summary>
    private static OpDef Fused(string type, int slotCount, int scalarCount, KernelFactory kernel) =>
        new(type, (op, s) => UpdateShape(op, s, slotCount, scalarCount), kernel, null)
        { NotDifferentiable = true, RefInputs = Enumerable.Range(0, 1 + slotCount).ToArray() };

    /// <summary>
    /// Builds the OpDef of an in-place update: input 0 is the variable, inputs 1..slotCount its slots,
    /// then scalarCount scalar hyperparameters, then the gradient.
    /// </summary>
    private static OpDef Update(string type, int slotCount, int scalarCount, UpdateFn<float> f32, UpdateFn<double> f64) =>
        new(type, (op, s) => UpdateShape(op, s, slotCount, scalarCount), ctx =>
        {
            VariableSlot var = ctx.Variable(0);
            VariableSlot[] slots = Enumerable.Range(1, slotCount).Select(i => ctx.Variable(i)).ToArray();
            int[] scalarSlots = Enumerable.Range(1 + slotCount, scalarCount).Select(i => ctx.In[i]).ToArray();
            int grad = ctx.In[1 + slotCount + scalarCount], yi = ctx.Out[0];
            bool nesterov = MomentumAttrs.Of(ctx.Op).UseNesterov;
            return ctx.OutDType(0) switch
            {
                DType.Float32 => Kernel.From(v => Run(v, var, slots, scalarSlots, grad, yi, nesterov, f32)),
                DType.Float64 => Kernel.From(v => Run(v, var, slots, scalarSlots, grad, yi, nesterov, f64)),
                _ => throw ctx.Error("variables updated by optimizers are float32 or float64"),
            };
        }, null)
        { NotDifferentiable = true, RefInputs = Enumerable.Range(0, 1 + slotCount).ToArray() };

    private static void Run<T>(NDArray?[] v, VariableSlot var, VariableSlot[] slots, int[] scalarSlots, int grad, int yi, bool nesterov, UpdateFn<T> f)
        where T : unmanaged, INumber<T>
    {
        // Small fixed-size scratch arrays per thread keep steady-state steps allocation-free.
        T[][] slotArrays = Scratch<T>.Arrays(slots.Length);
        T[] scalars = Scratch<T>.Scalars(scalarSlots.Length);
        for (int i = 0; i < slots.Length; i++) slotArrays[i] = slots[i].Live().Array<T>();
        for (int i = 0; i < scalarSlots.Length; i++) scalars[i] = v[scalarSlots[i]]!.Span<T>()[0];
        f(var.Live().Span<T>(), slotArrays, scalars, v[grad]!.Span<T>(), nesterov);
        v[yi] = var.Value;
    }

    private static class Scratch<T> where T : unmanaged
    {
        [ThreadStatic] private static T[][][]? _arrays;
        [ThreadStatic] private static T[][]? _scalars;

        public static T[][] Arrays(int n) => (_arrays ??= Enumerable.Range(0, 8).Select(i => new T[i][]).ToArray())[n];
        public static T[] Scalars(int n) => (_scalars ??= Enumerable.Range(0, 8).Select(i => new T[i]).ToArray())[n];
    }

    private static Shape[] UpdateShape(Operation op, Shape[] s, int slotCount, int scalarCount)
    {
        Shape var = s[0];
        for (int i = 1; i <= slotCount; i++)
        {
            if (!var.IsCompatibleWith(s[i])) throw ShapeRules.ShapeError(op, $"Shapes must be equal, but are {var.ToListString()} and {s[i].ToListString()} (slot {op.Inputs[i].Name})", s);
        }
        for (int i = 1 + slotCount; i < 1 + slotCount + scalarCount; i++)
        {
            if (!s[i].IsUnknownRank && s[i].Rank != 0) throw ShapeRules.ShapeError(op, $"Shape must be rank 0 but is rank {s[i].Rank} ({op.Inputs[i].Name})", s);
        }
        Shape grad = s[^1];
        if (!var.IsCompatibleWith(grad)) throw ShapeRules.ShapeError(op, $"var and grad do not have the same shape {var.ToListString()} {grad.ToListString()}", s);
        return [var];
    }

    internal static Tensor Apply(string type, Tensor[] inputs, int slotCount, string? name, IOpAttrs? attrs = null)
    {
        for (int i = 0; i <= slotCount; i++)
        {
            if (inputs[i].Op.Type != "VariableV2") throw new ArgumentException($"{type}: input {i} must be a variable's reference, got {inputs[i].Name} from a {inputs[i].Op.Type} op");
        }
        foreach (Tensor t in inputs.Skip(1)) Build.SameDType(type, inputs[0], t, "var", t.Name);
        return Build.One(type, inputs, inputs[0].DType, name ?? type, attrs);
    }
}
