using System.Text;

namespace TfLessons;

/// <summary>
/// Byte-string arrays, as TensorFlow 1 returns string tensors (<c>sess.run(tf.constant("Hello"))</c> is
/// <c>b'Hello'</c>): held as .NET strings, printed as Python's bytes repr of their UTF-8 form.
/// </summary>
public sealed partial class NDArray
{
    /// <summary>A 0-d string array (what a string scalar tensor evaluates to).</summary>
    public static NDArray FromString(string value) => new(DType.String, [], new[] { value });

    /// <summary>The strings, in row-major order; refused for arrays of other dtypes.</summary>
    public string[] ToStrings() => DType == DType.String
        ? (string[])ContiguousCopyData()
        : throw new InvalidCastException($"ToStrings: the array holds {DType.Name()}, not strings");

    // Python's repr of bytes: b'...', or b"..." when only that avoids escaping a quote; other bytes as \xNN.
    internal static string BytesRepr(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        char quote =
            System.Array.IndexOf(bytes, (byte)'\'') >= 0 && System.Array.IndexOf(bytes, (byte)'"') < 0 ? '"' : '\'';
        var s = new StringBuilder("b").Append(quote);
        foreach (byte b in bytes)
        {
            s.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\t' => "\\t",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                _ when b == quote => "\\" + quote,
                < 0x20 or >= 0x7f => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }
        return s.Append(quote).ToString();
    }

    private string StringArrayText()
    {
        string[] values = ToStrings();
        if (Rank == 0) return BytesRepr(values[0]);
        if (Rank == 1) return "[" + string.Join(" ", values.Select(BytesRepr)) + "]";
        throw new NotSupportedException($"printing string arrays of rank {Rank} (shape {Shape}) is not supported");
    }
}
