using System.Numerics;

namespace TfLessons.Kernels;

/// <summary>
/// The course's optimizer forms. TensorFlow's own updates are fused operators (Layer/UpdateOps.cs); these write the
/// multiply and the add as separate roundings too (no fused multiply-add).
/// </summary>
internal static class Updates
{
    /// <summary>The course's momentum: v = beta * v + (1 - beta) * grad; var = var - lr * v</summary>
    public static void CourseMomentum<T>(Span<T> var, Span<T> velocity, T lr, T beta, ReadOnlySpan<T> grad) where T : unmanaged, INumber<T>
    {
        T oneMinusBeta = T.One - beta;
        for (int i = 0; i < var.Length; i++)
        {
            velocity[i] = beta * velocity[i] + oneMinusBeta * grad[i];
            var[i] -= lr * velocity[i];
        }
    }

    /// <summary>The course's Adam: v and s bias-corrected by 1 - beta^t, epsilon added after the square root of s_corrected.</summary>
    public static void CourseAdam<T>(Span<T> var, Span<T> v, Span<T> s, T t, T lr, T beta1, T beta2, T epsilon, ReadOnlySpan<T> grad)
        where T : unmanaged, INumber<T>, IRootFunctions<T>, IPowerFunctions<T>
    {
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        T correction1 = T.One - T.Pow(beta1, t), correction2 = T.One - T.Pow(beta2, t);
        for (int i = 0; i < var.Length; i++)
        {
            T g = grad[i];
            v[i] = beta1 * v[i] + oneMinusBeta1 * g;
            s[i] = beta2 * s[i] + oneMinusBeta2 * (g * g);
            T vCorrected = v[i] / correction1;
            T sCorrected = s[i] / correction2;
            var[i] -= lr * vCorrected / (T.Sqrt(sCorrected) + epsilon);
        }
    }
}
