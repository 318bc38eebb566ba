using System.Numerics;
using TfLessons.Ops;

namespace TfLessons.Course;

/// <summary>
/// The course's fused optimizer updates, registered in the engine's op table through <see cref="CustomOps"/>. Each is
/// one block: builder, shape rule (<see cref="UpdateShape"/>), kernel (<see cref="CourseUpdates"/>), no gradient.
/// Inputs: the variable and its slots by reference, then scalar hyperparameters, then the gradient.
/// </summary>
public static class CourseOps
{
    public const string ApplyCourseMomentumType = "ApplyCourseMomentum";
    public const string ApplyCourseAdamType = "ApplyCourseAdam";

    // The static constructor registers once per process, before the first builder call or EnsureRegistered.
    static CourseOps()
    {
        // ApplyCourseMomentum(var, v, lr, beta, grad): v = beta * v + (1 - beta) * grad; var = var - lr * v
        CustomOps.Register(Update(ApplyCourseMomentumType, 1, 2, Momentum<float>, Momentum<double>));

        // ApplyCourseAdam(var, v, s, t, lr, beta1, beta2, epsilon, grad): v = b1*v + (1-b1)*g;
        // s = b2*s + (1-b2)*g^2; var = var - lr * (v/(1-b1^t)) / (sqrt(s/(1-b2^t)) + eps)
        CustomOps.Register(Update(ApplyCourseAdamType, 2, 5, Adam<float>, Adam<double>));
    }

    /// <summary>Registers the course's ops if this process has not yet (a graph importer needs them first).</summary>
    public static void EnsureRegistered() { }

    public static Tensor ApplyCourseMomentum(Tensor var, Tensor velocity, Tensor lr, Tensor beta, Tensor grad,
        string? name = null) =>
        Apply(ApplyCourseMomentumType, [var, velocity, lr, beta, grad], slotCount: 1, name);

    public static Tensor ApplyCourseAdam(Tensor var, Tensor v, Tensor s, Tensor t, Tensor lr, Tensor beta1,
        Tensor beta2, Tensor epsilon, Tensor grad, string? name = null) =>
        Apply(ApplyCourseAdamType, [var, v, s, t, lr, beta1, beta2, epsilon, grad], slotCount: 2, name);

    private static void Momentum<T>(OpKernelValues v) where T : unmanaged, INumber<T> =>
        CourseUpdates.Momentum(Var<T>(v, 0), Var<T>(v, 1), Scalar<T>(v, 2), Scalar<T>(v, 3), Var<T>(v, 4));

    private static void Adam<T>(OpKernelValues v)
        where T : unmanaged, INumber<T>, IRootFunctions<T>, IPowerFunctions<T> =>
        CourseUpdates.Adam(Var<T>(v, 0), Var<T>(v, 1), Var<T>(v, 2),
            Scalar<T>(v, 3), Scalar<T>(v, 4), Scalar<T>(v, 5), Scalar<T>(v, 6), Scalar<T>(v, 7), Var<T>(v, 8));

    private static Tensor Apply(string type, Tensor[] inputs, int slotCount, string? name)
    {
        for (int i = 0; i <= slotCount; i++)
        {
            if (inputs[i].Op.Type != "VariableV2")
            {
                throw new ArgumentException($"{type}: input {i} must be a variable's reference, " +
                    $"got {inputs[i].Name} from a {inputs[i].Op.Type} op");
            }
        }
        foreach (Tensor t in inputs.Skip(1))
        {
            if (t.DType != inputs[0].DType)
            {
                throw new ArgumentException($"Input '{t.Name}' of '{type}' Op has type {t.DType.Name()} " +
                    $"that does not match type {inputs[0].DType.Name()} of argument 'var'.");
            }
        }
        return CustomOps.Create(type, inputs, [inputs[0].DType], name ?? type).Outputs[0];
    }

    private static OpRegistration Update(string type, int slotCount, int scalarCount, OpKernel f32, OpKernel f64) =>
        new(type, (op, s) => UpdateShape(op, s, slotCount, scalarCount), ctx => ctx.OutputDType(0) switch
        {
            DType.Float32 => Then(f32),
            DType.Float64 => Then(f64),
            _ => throw ctx.Error("variables updated by optimizers are float32 or float64"),
        }, null)
        { NotDifferentiable = true, RefInputs = Enumerable.Range(0, 1 + slotCount).ToArray() };

    // An update's output is the variable itself, as TensorFlow's Apply* ops output their ref.
    private static OpKernel Then(OpKernel update) => v =>
    {
        update(v);
        v.SetOutput(0, v.Input(0));
    };

    private static Span<T> Var<T>(OpKernelValues v, int i) where T : unmanaged => v.Input(i).AsSpan<T>();
    private static T Scalar<T>(OpKernelValues v, int i) where T : unmanaged => v.Input(i).AsSpan<T>()[0];

    private static Shape[] UpdateShape(Operation op, Shape[] s, int slotCount, int scalarCount)
    {
        Shape var = s[0];
        for (int i = 1; i <= slotCount; i++)
        {
            if (!var.IsCompatibleWith(s[i]))
            {
                string what = $"Shapes must be equal, but are {var.ToListString()} and {s[i].ToListString()}";
                throw CustomOps.ShapeError(op, $"{what} (slot {op.Inputs[i].Name})", s);
            }
        }
        for (int i = 1 + slotCount; i < 1 + slotCount + scalarCount; i++)
        {
            if (!s[i].IsUnknownRank && s[i].Rank != 0)
            {
                throw CustomOps.ShapeError(
                    op, $"Shape must be rank 0 but is rank {s[i].Rank} ({op.Inputs[i].Name})", s);
            }
        }
        Shape grad = s[^1];
        if (!var.IsCompatibleWith(grad))
        {
            throw CustomOps.ShapeError(
                op, $"var and grad do not have the same shape {var.ToListString()} {grad.ToListString()}", s);
        }
        return [var];
    }
}
