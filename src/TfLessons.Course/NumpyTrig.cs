namespace TfLessons.Course;

/// <summary>
/// <c>np.sin</c> / <c>np.cos</c> for float64 as NumPy 1.22+ computes them on AVX512_SKX CPUs:
/// through Intel SVML's low-accuracy kernels <c>__svml_sin8</c> / <c>__svml_cos8</c>, which differ
/// from the correctly rounded libm results (<see cref="Math.Sin"/>) by one ulp for roughly two
/// thirds of the points of a linspace. scikit-learn's <c>make_moons</c> / <c>make_circles</c>
/// data in the course folder were generated that way, so bit-exact data needs these kernels.
/// </summary>
/// <remarks>
/// The main path is ported instruction by instruction from the disassembly of Debian's numpy
/// 1.24.2 (<c>_multiarray_umath</c>), with its constant tables; every FMA is a single rounding,
/// which <see cref="Math.FusedMultiplyAdd"/> reproduces. Arguments that SVML sends to its slow
/// large-argument reduction (|x| &gt; 2^24 for sin, about 2.6e7 for cos), and NaN/infinity, fall
/// back to <see cref="Math.Sin"/> / <see cref="Math.Cos"/> and are not guaranteed bit-identical.
/// </remarks>
public static class NumpyTrig
{
    private static readonly double InvPi = D(0x3fd45f306dc9c883);
    private static readonly double Pi1 = D(0x400921fb54442d18);
    private static readonly double Pi2 = D(0x3ca1a62633145c06);
    private static readonly double Pi3 = D(0x395c1cd129024e09);

    // sin(R) odd polynomial coefficients (R^15 ... R^3) of the two kernels; they differ slightly.
    private static readonly double[] SinPoly =
    [
        D(0xbd69f1517e9f65f0), D(0x3de60e6bee01d83e), D(0xbe5ae6355aaa4a53), D(0x3ec71de3806add1a),
        D(0xbf2a01a019a659dd), D(0x3f8111111110a573), D(0xbfc55555555554a8),
    ];

    private static readonly double[] CosPoly =
    [
        D(0xbd69f0d60811aac8), D(0x3de60e6857a2f220), D(0xbe5ae63546002231), D(0x3ec71de38030fea0),
        D(0xbf2a01a019a5b87b), D(0x3f8111111110a4a8), D(0xbfc55555555554a7),
    ];

    private static readonly double SinShifter = D(0x4338000000000000);   // 1.5 * 2^52
    private static readonly double SinLargeArg = D(0x4170000000000000);  // 2^24
    private static readonly double CosTiny = D(0x3e40000000000000);      // 2^-27
    private const long CosMaxN = 0x7ffffe;                               // from the 0x43300000007ffffe threshold

    /// <summary>NumPy's float64 <c>sin</c> on AVX512 hardware (see the class remarks for the exact range).</summary>
    public static double Sin(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax <= SinLargeArg))
        {
            return Math.Sin(x);
        }

        // N = round-to-nearest(x / pi) via the 1.5*2^52 shifter; its parity flips the sign.
        double y = Math.FusedMultiplyAdd(x, InvPi, SinShifter);
        ulong sign = (ulong)BitConverter.DoubleToInt64Bits(y) << 63;
        if (x == 0.0)
        {
            // SVML xors in the input bits for zeros so sin(-0) = -0.
            sign ^= (ulong)BitConverter.DoubleToInt64Bits(x);
        }
        double dN = y - SinShifter;

        double r = Math.FusedMultiplyAdd(-dN, Pi1, x);
        r = Math.FusedMultiplyAdd(-Pi2, dN, r);
        double r2 = r * r;
        double bigR = Math.FusedMultiplyAdd(-Pi3, dN, r);

        double res = Polynomial(SinPoly, r2, bigR);
        return FlipSign(res, sign);
    }

    /// <summary>NumPy's float64 <c>cos</c> on AVX512 hardware (see the class remarks for the exact range).</summary>
    public static double Cos(double x)
    {
        double ax = Math.Abs(x);
        if (double.IsNaN(x))
        {
            return Math.Cos(x);
        }

        // SVML computes y = RZ(|x|/pi + 2^52), i.e. N = floor of the exact product |x| * InvPi.
        long n = FloorOfProduct(ax, InvPi);
        if (n > CosMaxN)
        {
            return Math.Cos(x);
        }

        ulong sign = (ulong)n << 63;
        double dN = n + 0.5;   // (2^52 + N) - (2^52 - 0.5), exact in SVML as well

        // R = (N + 1/2) * pi - |x|, so cos|x| = (-1)^N sin(R).
        double r = Math.FusedMultiplyAdd(dN, Pi1, -ax);
        r = Math.FusedMultiplyAdd(Pi2, dN, r);
        double r2 = r * r;
        double bigR = Math.FusedMultiplyAdd(Pi3, dN, r);
        bigR = FlipSign(bigR, sign);

        double res = Polynomial(CosPoly, r2, bigR);
        return ax < CosTiny ? 1.0 : res;
    }

    /// <summary>R + R*r2*P(r2) with SVML's exact FMA chain (Horner from the R^15 coefficient).</summary>
    private static double Polynomial(double[] c, double r2, double bigR)
    {
        double p = Math.FusedMultiplyAdd(c[0], r2, c[1]);
        for (int i = 2; i < c.Length; i++)
        {
            p = Math.FusedMultiplyAdd(r2, p, c[i]);
        }
        double t = bigR * r2;
        return Math.FusedMultiplyAdd(t, p, bigR);
    }

    /// <summary>floor(a * b) of the exact (unrounded) product, for 0 &lt;= a*b &lt; 2^52.</summary>
    private static long FloorOfProduct(double a, double b)
    {
        double hi = a * b;
        if (hi >= 4503599627370496.0)
        {
            return long.MaxValue;
        }
        double lo = Math.FusedMultiplyAdd(a, b, -hi);
        double f = Math.Floor(hi);
        // Only when the rounded product landed exactly on an integer can the exact one lie below it.
        if (f == hi && lo < 0.0)
        {
            f -= 1.0;
        }
        return (long)f;
    }

    private static double FlipSign(double v, ulong signBit) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v) ^ (long)signBit);

    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);
}
