using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TfLessons.IO.GraphDefs;

internal static partial class ProtoText
{
    private const int MaxNesting = 100;

    public static T Parse<T>(string text, string source) where T : IMessage<T>, new()
    {
        var message = new T();
        var p = new Parser(text, source);
        p.Fields(message, null, 0);
        return message;
    }

    private sealed class Parser(string text, string source)
    {
        private int _pos;
        private int _line = 1;

        private InvalidDataException Error(string message) => new($"{source}:{_line}: {message}");

        public void Fields(IMessage m, char? close, int depth)
        {
            if (depth > MaxNesting) throw Error($"messages nested more than {MaxNesting} deep");
            while (true)
            {
                SkipSpace();
                if (_pos >= text.Length)
                {
                    if (close is not null) throw Error($"expected '{close}' before the end of the text");
                    return;
                }
                if (close is char c && text[_pos] == c) { _pos++; return; }
                string name = Identifier();
                FieldDescriptor f = m.Descriptor.FindFieldByName(name) ?? throw Error($"{m.Descriptor.Name} has no field '{name}'");
                SkipSpace();
                bool colon = Peek(':');
                if (colon) _pos++;
                SkipSpace();
                if (f.FieldType == FieldType.Message)
                {
                    if (f.IsMap) MapEntry(m, f, depth);
                    else if (Peek('['))
                    {
                        _pos++;
                        while (true)
                        {
                            SkipSpace();
                            if (Peek(']')) { _pos++; break; }
                            AddMessage(m, f, depth);
                            SkipSpace();
                            if (Peek(',')) _pos++;
                        }
                    }
                    else AddMessage(m, f, depth);
                }
                else
                {
                    if (!colon) throw Error($"expected ':' after field '{name}'");
                    if (f.IsRepeated && Peek('['))
                    {
                        _pos++;
                        while (true)
                        {
                            SkipSpace();
                            if (Peek(']')) { _pos++; break; }
                            ((IList)f.Accessor.GetValue(m)).Add(ScalarValue(f));
                            SkipSpace();
                            if (Peek(',')) _pos++;
                        }
                    }
                    else if (f.IsRepeated) ((IList)f.Accessor.GetValue(m)).Add(ScalarValue(f));
                    else f.Accessor.SetValue(m, ScalarValue(f));
                }
                SkipSpace();
                if (Peek(',') || Peek(';')) _pos++;
            }
        }

        private IMessage NewMessage(MessageDescriptor d) =>
            d.Parser?.ParseFrom(ByteString.Empty) ?? throw Error($"cannot create a {d.Name}");

        private void AddMessage(IMessage m, FieldDescriptor f, int depth)
        {
            IMessage child;
            if (f.IsRepeated)
            {
                child = NewMessage(f.MessageType);
                ((IList)f.Accessor.GetValue(m)).Add(child);
            }
            else
            {
                child = (IMessage?)f.Accessor.GetValue(m) ?? NewMessage(f.MessageType);
                f.Accessor.SetValue(m, child);
            }
            Fields(child, Open(), depth + 1);
        }

        private char Open()
        {
            if (Peek('{')) { _pos++; return '}'; }
            if (Peek('<')) { _pos++; return '>'; }
            throw Error("expected '{' or '<'");
        }

        private void MapEntry(IMessage m, FieldDescriptor f, int depth)
        {
            FieldDescriptor keyField = f.MessageType.FindFieldByNumber(1), valueField = f.MessageType.FindFieldByNumber(2);
            char close = Open();
            object? key = null, value = null;
            while (true)
            {
                SkipSpace();
                if (Peek(close)) { _pos++; break; }
                string name = Identifier();
                SkipSpace();
                if (Peek(':')) _pos++;
                SkipSpace();
                if (name == "key") key = ScalarValue(keyField);
                else if (name == "value" && valueField.FieldType == FieldType.Message)
                {
                    var child = NewMessage(valueField.MessageType);
                    Fields(child, Open(), depth + 1);
                    value = child;
                }
                else if (name == "value") value = ScalarValue(valueField);
                else throw Error($"map entry of '{f.Name}' has no field '{name}'");
                SkipSpace();
                if (Peek(',') || Peek(';')) _pos++;
            }
            if (key is null) throw Error($"map entry of '{f.Name}' has no key");
            value ??= valueField.FieldType == FieldType.Message ? NewMessage(valueField.MessageType) : ScalarValue(valueField, "");
            ((IDictionary)f.Accessor.GetValue(m))[key] = value;
        }

        private object ScalarValue(FieldDescriptor f, string? given = null)
        {
            if (f.FieldType is FieldType.String or FieldType.Bytes)
            {
                byte[] bytes = given is null ? StringLiteral() : [];
                return f.FieldType == FieldType.String ? Encoding.UTF8.GetString(bytes) : ByteString.CopyFrom(bytes);
            }
            string token = given ?? Token();
            try
            {
                return f.FieldType switch
                {
                    FieldType.Bool => token is "true" or "True" or "t" or "1" ? true : token is "false" or "False" or "f" or "0" ? false : throw Error($"'{token}' is not a bool"),
                    FieldType.Float => (float)Real(token),
                    FieldType.Double => Real(token),
                    FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.Parse(token, CultureInfo.InvariantCulture),
                    FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.Parse(token, CultureInfo.InvariantCulture),
                    FieldType.UInt32 or FieldType.Fixed32 => uint.Parse(token, CultureInfo.InvariantCulture),
                    FieldType.UInt64 or FieldType.Fixed64 => ulong.Parse(token, CultureInfo.InvariantCulture),
                    FieldType.Enum => Enum.ToObject(f.EnumType.ClrType, int.TryParse(token, out int n) ? n
                        : (f.EnumType.FindValueByName(token) ?? throw Error($"'{token}' is not a value of {f.EnumType.Name}")).Number),
                    _ => throw Error($"field '{f.Name}' has an unsupported type {f.FieldType}"),
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw Error($"field '{f.Name}': '{token}' is not a valid {f.FieldType}");
            }
        }

        private static double Real(string token) => token.ToLowerInvariant() switch
        {
            "inf" or "infinity" or "inff" => double.PositiveInfinity,
            "-inf" or "-infinity" or "-inff" => double.NegativeInfinity,
            "nan" or "nanf" => double.NaN,
            _ => double.Parse(token.TrimEnd('f', 'F'), NumberStyles.Float, CultureInfo.InvariantCulture),
        };

        private bool Peek(char c) => _pos < text.Length && text[_pos] == c;

        private void SkipSpace()
        {
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c == '\n') { _line++; _pos++; }
                else if (char.IsWhiteSpace(c)) _pos++;
                else if (c == '#') { while (_pos < text.Length && text[_pos] != '\n') _pos++; }
                else return;
            }
        }

        private string Identifier()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            if (_pos == start) throw Error(_pos < text.Length ? $"unexpected '{text[_pos]}'" : "unexpected end of text");
            return text[start.._pos];
        }

        private string Token()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '-' or '+' or '.')) _pos++;
            if (_pos == start) throw Error("expected a value");
            return text[start.._pos];
        }

        private byte[] StringLiteral()
        {
            var bytes = new List<byte>();
            do
            {
                if (!(Peek('"') || Peek('\''))) throw Error("expected a quoted string");
                char quote = text[_pos++];
                while (true)
                {
                    if (_pos >= text.Length || text[_pos] == '\n') throw Error("unterminated string");
                    char c = text[_pos++];
                    if (c == quote) break;
                    if (c != '\\') { bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); continue; }
                    if (_pos >= text.Length) throw Error("unterminated escape");
                    char e = text[_pos++];
                    switch (e)
                    {
                        case 'n': bytes.Add((byte)'\n'); break;
                        case 'r': bytes.Add((byte)'\r'); break;
                        case 't': bytes.Add((byte)'\t'); break;
                        case 'a': bytes.Add(7); break;
                        case 'b': bytes.Add(8); break;
                        case 'f': bytes.Add(12); break;
                        case 'v': bytes.Add(11); break;
                        case 'x':
                            int hs = _pos;
                            while (_pos < text.Length && _pos - hs < 2 && Uri.IsHexDigit(text[_pos])) _pos++;
                            if (_pos == hs) throw Error("\\x with no hex digits");
                            bytes.Add(Convert.ToByte(text[hs.._pos], 16));
                            break;
                        case >= '0' and <= '7':
                            int os = _pos - 1;
                            while (_pos < text.Length && _pos - os < 3 && text[_pos] is >= '0' and <= '7') _pos++;
                            bytes.Add((byte)Convert.ToInt32(text[os.._pos], 8));
                            break;
                        default: bytes.Add((byte)e); break;
                    }
                }
                SkipSpace();
            }
            while (Peek('"') || Peek('\''));
            return bytes.ToArray();
        }
    }
}
