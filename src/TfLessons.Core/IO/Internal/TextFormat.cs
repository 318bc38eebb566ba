using System.Globalization;
using System.Text;

namespace TfLessons.IO.Internal;

/// <summary>
/// Just enough protobuf text format for flat messages such as <c>CheckpointState</c>: scalar fields
/// (<c>name: value</c>), C-escaped strings, numbers, <c>#</c> comments, and skipping of unknown
/// fields including nested <c>{ ... }</c> messages. Formatting matches Python's
/// <c>text_format.MessageToString</c> for strings (non-ASCII bytes as octal escapes) and doubles.
/// </summary>
internal static class TextFormat
{
    /// <summary>A parsed top-level field: its name and either a string or a raw scalar token.</summary>
    public readonly record struct Field(string Name, string Value, bool IsString, int Line);

    public static List<Field> ParseFlat(string text, string source)
    {
        var fields = new List<Field>();
        int pos = 0, line = 1;
        while (true)
        {
            SkipSpace(text, ref pos, ref line);
            if (pos >= text.Length) return fields;
            int fieldLine = line;
            string name = ReadIdentifier(text, ref pos, source, line);
            SkipSpace(text, ref pos, ref line);
            bool colon = pos < text.Length && text[pos] == ':';
            if (colon) pos++;
            SkipSpace(text, ref pos, ref line);
            if (pos < text.Length && (text[pos] == '{' || text[pos] == '<'))
            {
                SkipMessage(text, ref pos, ref line, source); // Unknown nested message: ignored.
                continue;
            }
            if (!colon) throw Error(source, line, $"expected ':' after '{name}'");
            if (pos < text.Length && (text[pos] == '"' || text[pos] == '\''))
            {
                var bytes = new List<byte>();
                // Adjacent string literals concatenate, as in C.
                while (pos < text.Length && (text[pos] == '"' || text[pos] == '\''))
                {
                    ReadString(text, ref pos, bytes, source, line);
                    SkipSpace(text, ref pos, ref line);
                }
                string value;
                try
                {
                    value = new UTF8Encoding(false, true).GetString(bytes.ToArray());
                }
                catch (DecoderFallbackException)
                {
                    throw Error(source, fieldLine, $"'{name}' is not valid UTF-8");
                }
                fields.Add(new Field(name, value, true, fieldLine));
            }
            else
            {
                int start = pos;
                while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '.' or '-' or '+' or '_'))
                    pos++;
                if (pos == start)
                    throw Error(source, line, $"missing value for '{name}'");
                fields.Add(new Field(name, text[start..pos], false, fieldLine));
            }
            SkipSpace(text, ref pos, ref line);
            if (pos < text.Length && text[pos] is ',' or ';') pos++;
        }
    }

    public static double ParseDouble(Field field, string source)
    {
        string v = field.Value.ToLowerInvariant().TrimEnd('f');
        double result = v switch
        {
            "inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                ? d
                : throw Error(source, field.Line, $"'{field.Value}' is not a number for '{field.Name}'"),
        };
        return result;
    }

    /// <summary>A double as Python's text_format writes it: <c>repr(float)</c>, e.g. <c>1567057356.0</c>.</summary>
    public static string FormatDouble(double value) => PyFormat.Repr(value);

    /// <summary>Quotes a string's UTF-8 bytes like protobuf's <c>CEscape</c>.</summary>
    public static string Quote(string value) => Quote(Encoding.UTF8.GetBytes(value));

    /// <summary>Quotes bytes like protobuf's <c>CEscape</c>: printable ASCII as is, other bytes as <c>\ooo</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in bytes)
        {
            sb.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'"' => "\\\"",
                (byte)'\'' => "\\'",
                (byte)'\\' => "\\\\",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            });
        }
        return sb.Append('"').ToString();
    }

    private static void ReadString(string text, ref int pos, List<byte> output, string source, int line)
    {
        char quote = text[pos++];
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n') throw Error(source, line, "unterminated string");
            char c = text[pos++];
            if (c == quote) return;
            if (c != '\\')
            {
                int n = char.IsHighSurrogate(c) && pos < text.Length
                    ? Encoding.UTF8.GetBytes([c, text[pos++]], utf8)
                    : Encoding.UTF8.GetBytes([c], utf8);
                foreach (byte b in utf8[..n]) output.Add(b);
                continue;
            }
            if (pos >= text.Length) throw Error(source, line, "unterminated escape");
            char e = text[pos++];
            switch (e)
            {
                case 'n': output.Add((byte)'\n'); break;
                case 'r': output.Add((byte)'\r'); break;
                case 't': output.Add((byte)'\t'); break;
                case 'a': output.Add(7); break;
                case 'b': output.Add(8); break;
                case 'f': output.Add(12); break;
                case 'v': output.Add(11); break;
                case '\\' or '\'' or '"' or '?': output.Add((byte)e); break;
                case >= '0' and <= '7':
                    int octal = e - '0';
                    for (int i = 0; i < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; i++)
                        octal = octal * 8 + (text[pos++] - '0');
                    if (octal > 255)
                        throw Error(source, line, "octal escape out of range");
                    output.Add((byte)octal);
                    break;
                case 'x' or 'X':
                    int hex = 0,
                        digits = 0;
                    while (digits < 2 && pos < text.Length && Uri.IsHexDigit(text[pos]))
                    {
                        hex = hex * 16 + Convert.ToInt32(text[pos++].ToString(), 16);
                        digits++;
                    }
                    if (digits == 0)
                        throw Error(source, line, "\\x escape without hex digits");
                    output.Add((byte)hex);
                    break;
                default: throw Error(source, line, $"unknown escape '\\{e}'");
            }
        }
    }

    private static void SkipMessage(string text, ref int pos, ref int line, string source)
    {
        int depth = 0;
        int startLine = line;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '"' || c == '\'') { ReadString(text, ref pos, [], source, line); continue; }
            if (c == '#') { while (pos < text.Length && text[pos] != '\n') pos++; continue; }
            if (c == '\n') line++;
            if (c is '{' or '<') depth++;
            if (c is '}' or '>' && --depth == 0) { pos++; return; }
            pos++;
        }
        throw Error(source, startLine, "unterminated message");
    }

    private static string ReadIdentifier(string text, ref int pos, string source, int line)
    {
        int start = pos;
        while (
            pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '.' or '[' or ']' or '/')
        )
            pos++;
        if (pos == start)
            throw Error(source, line, $"unexpected character '{text[pos]}'");
        return text[start..pos];
    }

    private static void SkipSpace(string text, ref int pos, ref int line)
    {
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '\n') { line++; pos++; }
            else if (char.IsWhiteSpace(c)) pos++;
            else if (c == '#') { while (pos < text.Length && text[pos] != '\n') pos++; }
            else return;
        }
    }

    private static InvalidDataException Error(string source, int line, string what) =>
        new($"{source}, line {line}: {what} (protobuf text format).");
}
