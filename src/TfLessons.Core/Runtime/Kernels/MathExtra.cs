using System.Runtime.InteropServices;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// log1p and expm1 from the C library (the functions NumPy and TensorFlow's float64 kernels call), with a managed
/// fallback where libm cannot be loaded. .NET's LogP1 is log(1 + x), which loses the low bits for small x.
/// </summary>
internal static partial class MathExtra
{
    private const string Lib = "libm.so.6";

    private static readonly bool Native = NativeLibrary.TryLoad(Lib, out _);

    public static double Log1p(double x)
    {
        if (Native) return log1p(x);
        // Goldberg's trick: the rounding error of 1 + x cancels in log(u) / (u - 1).
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    public static double Expm1(double x)
    {
        if (Native) return expm1(x);
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    [LibraryImport(Lib)]
    private static partial double log1p(double x);

    [LibraryImport(Lib)]
    private static partial double expm1(double x);
}
