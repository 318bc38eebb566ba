using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using TfLessons.IO.Internal;

namespace TfLessons.IO.GraphDefs;

/// <summary>
/// Protobuf text format (what <c>tf.train.write_graph(..., as_text=True)</c> writes), over the messages'
/// descriptors: fields in field-number order, map entries sorted by key, enums by name, bytes with octal
/// escapes, as Python's <c>text_format.MessageToString</c>. Google.Protobuf for C# has no text format.
/// </summary>
internal static partial class ProtoText
{
    public static string Format(IMessage message)
    {
        var sb = new StringBuilder();
        Write(sb, message, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, IMessage m, int indent)
    {
        foreach (FieldDescriptor f in m.Descriptor.Fields.InFieldNumberOrder())
        {
            object value = f.Accessor.GetValue(m);
            if (f.IsMap)
            {
                var entries = new List<(object Key, object Value)>();
                IDictionaryEnumerator it = ((IDictionary)value).GetEnumerator();
                while (it.MoveNext()) entries.Add((it.Key, it.Value!));
                FieldDescriptor keyField = f.MessageType.FindFieldByNumber(1), valueField = f.MessageType.FindFieldByNumber(2);
                foreach (var e in entries.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
                {
                    sb.Append(' ', indent).Append(f.Name).Append(" {\n");
                    WriteValue(sb, keyField, e.Key, indent + 2);
                    WriteValue(sb, valueField, e.Value, indent + 2);
                    sb.Append(' ', indent).Append("}\n");
                }
            }
            else if (f.IsRepeated)
            {
                foreach (object item in (IList)value) WriteValue(sb, f, item, indent);
            }
            else if (IsSet(m, f, value))
            {
                WriteValue(sb, f, value, indent);
            }
        }
    }

    private static bool IsSet(IMessage m, FieldDescriptor f, object? value)
    {
        if (f.FieldType == FieldType.Message) return value is not null;
        if (f.RealContainingOneof is not null) return f.Accessor.HasValue(m);
        return value switch
        {
            string s => s.Length > 0,
            ByteString b => b.Length > 0,
            bool b => b,
            float x => BitConverter.SingleToInt32Bits(x) != 0,
            double x => BitConverter.DoubleToInt64Bits(x) != 0,
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) != 0,
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    private static void WriteValue(StringBuilder sb, FieldDescriptor f, object value, int indent)
    {
        sb.Append(' ', indent).Append(f.Name);
        if (f.FieldType == FieldType.Message)
        {
            sb.Append(" {\n");
            Write(sb, (IMessage)value, indent + 2);
            sb.Append(' ', indent).Append("}\n");
            return;
        }
        sb.Append(": ").Append(Scalar(f, value)).Append('\n');
    }

    private static string Scalar(FieldDescriptor f, object value) => value switch
    {
        string s => TextFormat.Quote(s),
        ByteString b => TextFormat.Quote(b.Span),
        bool b => b ? "true" : "false",
        float x => FormatFloat(x),
        double x => FormatDouble(x),
        Enum e => f.EnumType.FindValueByNumber(Convert.ToInt32(e, CultureInfo.InvariantCulture))?.Name ?? Convert.ToInt32(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string FormatFloat(float x) =>
        float.IsPositiveInfinity(x) ? "inf" : float.IsNegativeInfinity(x) ? "-inf" : float.IsNaN(x) ? "nan" : x.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatDouble(double x) =>
        double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf" : double.IsNaN(x) ? "nan" : x.ToString("R", CultureInfo.InvariantCulture);
}
