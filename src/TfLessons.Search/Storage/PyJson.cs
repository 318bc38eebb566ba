using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// Writes JSON the way Python's <c>json.dumps</c> does with default settings (", " and ": "
/// separators, ASCII-only output, floats as <c>repr</c>). Optuna stores attribute values and
/// distributions through <c>json.dumps</c>, so matching it keeps our rows byte-identical to
/// Optuna's and keeps Python's float/int distinction (1.0 vs 1) intact.
/// </summary>
public static class PyJson
{
    /// <summary>Serialises a JSON node as Python's <c>json.dumps</c> would.</summary>
    public static string Dumps(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    /// <summary>Parses JSON text that Python wrote; NaN/Infinity literals are accepted.</summary>
    public static JsonNode? Loads(string text)
    {
        var t = text.Trim();
        // Python emits bare NaN/Infinity for non-finite floats; System.Text.Json only reads them
        // as strings, so a top-level non-finite number is mapped back to a double here.
        return t switch
        {
            "NaN" => JsonValue.Create(double.NaN),
            "Infinity" => JsonValue.Create(double.PositiveInfinity),
            "-Infinity" => JsonValue.Create(double.NegativeInfinity),
            _ => JsonNode.Parse(t),
        };
    }

    /// <summary>
    /// Formats a double like Python's <c>repr(float)</c>: shortest round-trip digits, fixed
    /// notation when the decimal exponent is in [-4, 16), otherwise "1e-05" style, and always
    /// a ".0" on integral values.
    /// </summary>
    public static string FormatFloat(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsInfinity(v))
        {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0)
        {
            return double.IsNegative(v) ? "-0.0" : "0.0";
        }
        // .NET's "R" is the shortest round-trip representation; we only re-layout its digits.
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }
        var exp = 0;
        var ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
            r = r[..ePos];
        }
        var dot = r.IndexOf('.');
        var intPart = dot >= 0 ? r[..dot] : r;
        var fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        // decpt = position of the decimal point relative to the first significant digit.
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        var decpt = intPart.Length - leadingZeros + exp;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        string body;
        if (decpt <= -4 || decpt > 16)
        {
            var mant = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            var e = decpt - 1;
            body = mant + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decpt <= 0)
        {
            body = "0." + new string('0', -decpt) + digits;
        }
        else if (decpt >= digits.Length)
        {
            body = digits + new string('0', decpt - digits.Length) + ".0";
        }
        else
        {
            body = digits[..decpt] + "." + digits[decpt..];
        }
        return negative ? "-" + body : body;
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                return;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }
                    first = false;
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, value);
                }
                sb.Append('}');
                return;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    Write(sb, arr[i]);
                }
                sb.Append(']');
                return;
            case JsonValue val:
                WriteValue(sb, val);
                return;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue val)
    {
        if (val.TryGetValue<JsonElement>(out var el))
        {
            switch (el.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(sb, el.GetString()!);
                    return;
                case JsonValueKind.Number:
                    // Keep Python's int/float distinction: an integer literal stays an int.
                    var raw = el.GetRawText();
                    sb.Append(raw.IndexOfAny(['.', 'e', 'E']) >= 0 ? FormatFloat(el.GetDouble()) : raw);
                    return;
                case JsonValueKind.True:
                    sb.Append("true");
                    return;
                case JsonValueKind.False:
                    sb.Append("false");
                    return;
                default:
                    sb.Append("null");
                    return;
            }
        }
        switch (val.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, val.GetValue<string>());
                return;
            case JsonValueKind.True:
                sb.Append("true");
                return;
            case JsonValueKind.False:
                sb.Append("false");
                return;
            case JsonValueKind.Number:
                // A value built from a C# double/float/decimal is a Python float; from an integer
                // type it is a Python int and prints as-is.
                if (val.TryGetValue<double>(out var d))
                {
                    sb.Append(FormatFloat(d));
                }
                else if (val.TryGetValue<float>(out var f))
                {
                    sb.Append(FormatFloat(f));
                }
                else if (val.TryGetValue<decimal>(out var m))
                {
                    sb.Append(FormatFloat((double)m));
                }
                else
                {
                    sb.Append(val.ToJsonString());
                }
                return;
            default:
                sb.Append("null");
                return;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    // ensure_ascii: everything outside printable ASCII becomes \uXXXX (UTF-16 units,
                    // so astral characters come out as surrogate pairs, as in Python).
                    if (ch < ' ' || ch > '~')
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
