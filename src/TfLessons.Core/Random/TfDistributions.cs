// Scalar conversions of TensorFlow's random distributions, bit for bit.
//
// Source: tensorflow/tensorflow, tensorflow/core/lib/random/random_distributions.h (TF 1.x; moved to
// random_distributions_utils.h in TF 2.x with the same code):
//   * Uint32ToFloat: bits (x & 0x7fffff) | (127 << 23) give a float in [1, 2); minus 1.0f.
//   * Uint64ToDouble(x0, x1): mantissa = ((x0 & 0xfffff) << 32) | x1, exponent 1023, minus 1.0.
//   * BoxMullerFloat(x0, x1): u1 = Uint32ToFloat(x0), clamped to >= 1e-7f;
//       v1 = (float)(2.0f * M_PI * Uint32ToFloat(x1))   -- M_PI is a double, so this product is double;
//       u2 = sqrtf(-2.0f * logf(u1));  sincosf(v1) -> (f0, f1) on Linux;  f0 *= u2; f1 *= u2.
//   * BoxMullerDouble(x0..x3): u1 = Uint64ToDouble(x0, x1) clamped to >= 1e-7; v1 = 2 * M_PI * Uint64ToDouble(x2, x3);
//       u2 = sqrt(-2.0 * log(u1)); sincos(v1); d0, d1 scaled by u2.
// MathF/Math Sin, Cos, Log call the C runtime (glibc's sinf/cosf/logf on Linux, the same implementation glibc's
// sincosf uses), so on the same libm the results match TF's kernel bit for bit.
using System.Runtime.CompilerServices;

namespace TfLessons.Random;

/// <summary>TensorFlow's per-sample conversions (uniform floats/doubles, Box-Muller).</summary>
public static class TfDistributions
{
    /// <summary>TF's float epsilon in BoxMullerFloat.</summary>
    public const float BoxMullerFloatEpsilon = 1.0e-7f;

    /// <summary>TF's double epsilon in BoxMullerDouble.</summary>
    public const double BoxMullerDoubleEpsilon = 1.0e-7;

    /// <summary>TruncatedNormal keeps samples with |x| &lt; 2.</summary>
    public const float TruncateValue = 2.0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Uint32ToFloat(uint x)
    {
        uint val = (127u << 23) | (x & 0x7fffffu);
        return BitConverter.UInt32BitsToSingle(val) - 1.0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uint64ToDouble(uint x0, uint x1)
    {
        ulong man = ((ulong)(x0 & 0xfffffu) << 32) | x1;
        ulong val = (1023UL << 52) | man;
        return BitConverter.UInt64BitsToDouble(val) - 1.0;
    }

    public static void BoxMullerFloat(uint x0, uint x1, out float f0, out float f1)
    {
        float u1 = Uint32ToFloat(x0);
        if (u1 < BoxMullerFloatEpsilon)
        {
            u1 = BoxMullerFloatEpsilon;
        }

        // 2.0f * M_PI is a double expression in C++; the product with the float is done in double, then narrowed.
        float v1 = (float)(2.0 * Math.PI * (double)Uint32ToFloat(x1));
        float u2 = MathF.Sqrt(-2.0f * MathF.Log(u1));
        f0 = MathF.Sin(v1) * u2;
        f1 = MathF.Cos(v1) * u2;
    }

    public static void BoxMullerDouble(uint x0, uint x1, uint x2, uint x3, out double d0, out double d1)
    {
        double u1 = Uint64ToDouble(x0, x1);
        if (u1 < BoxMullerDoubleEpsilon)
        {
            u1 = BoxMullerDoubleEpsilon;
        }

        double v1 = 2 * Math.PI * Uint64ToDouble(x2, x3);
        double u2 = Math.Sqrt(-2.0 * Math.Log(u1));
        d0 = Math.Sin(v1) * u2;
        d1 = Math.Cos(v1) * u2;
    }
}
