using System.Globalization;

namespace TfLessons;

/// <summary>Python's and NumPy's ways of printing numbers, so output can be compared with a Python program's.</summary>
public static class PyFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Python <c>repr(float)</c>: shortest round trip, always with a point or exponent (<c>0.0</c>,
    /// <c>1e-05</c>).</summary>
    public static string Repr(double value) => FromShortest(value.ToString("R", Inv), value);

    /// <summary>NumPy's repr of a float32 scalar: the shortest digits that round-trip in float32
    /// (<c>4.9999886</c>).</summary>
    public static string Repr(float value) => FromShortest(value.ToString("R", Inv), value);

    private static string FromShortest(string s, double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        // .NET prints "1E-05"; Python prints "1e-05" and switches to exponent form at 1e16 and below 1e-4.
        (string digits, int exponent, bool negative) = Decompose(s);
        string sign = negative ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        return sign + Positional(digits, exponent, minFraction: 1);
    }

    /// <summary>Splits a .NET round-trip string into significant digits and a decimal exponent.</summary>
    internal static (string Digits, int Exponent, bool Negative) Decompose(string s)
    {
        bool negative = s.StartsWith('-');
        if (negative) s = s[1..];
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], Inv);
            s = s[..e];
        }
        int point = s.IndexOf('.');
        string intPart = point >= 0 ? s[..point] : s;
        string fracPart = point >= 0 ? s[(point + 1)..] : "";
        string all = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - all.Length;
        all = all.TrimEnd('0');
        if (all.Length == 0) return ("0", 0, negative);
        int exponent = intPart.Length - 1 - leadingZeros + exp;
        return (all, exponent, negative);
    }

    private static string Positional(string digits, int exponent, int minFraction)
    {
        string intPart, fracPart;
        if (exponent >= 0)
        {
            intPart = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
            fracPart = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "";
        }
        else
        {
            intPart = "0";
            fracPart = new string('0', -exponent - 1) + digits;
        }
        if (digits == "0") { intPart = "0"; fracPart = ""; }
        if (fracPart.Length < minFraction) fracPart = fracPart.PadRight(minFraction, '0');
        return intPart + "." + fracPart;
    }

    /// <summary>
    /// NumPy's array element form (precision 8, 'maxprec'): the shortest round-trip digits when they
    /// need at most 8 fractional digits, else rounded to 8; trailing zeros dropped, so 1.0 prints "1.".
    /// </summary>
    internal static string ArrayElement(double value, bool isFloat32, bool scientific)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        string shortest = isFloat32 ? ((float)value).ToString("R", Inv) : value.ToString("R", Inv);
        (string digits, int exponent, bool negative) = Decompose(shortest);
        string sign = negative ? "-" : "";
        if (scientific)
        {
            if (digits.Length > 9)
            {
                (digits, exponent, _) = Decompose(Math.Abs(value).ToString("E8", Inv));
            }
            string mantissa = digits.Length == 1 ? digits + "." : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        int fractionDigits = Math.Max(0, digits.Length - exponent - 1);
        if (fractionDigits > 8)
        {
            string rounded = Math.Abs(value).ToString("F8", Inv).TrimEnd('0');
            if (rounded.EndsWith('.')) return sign + rounded;
            return (rounded == "0." ? "" : sign) + rounded;
        }
        string positional = Positional(digits, exponent, minFraction: 0);
        return sign + positional;
    }
}
