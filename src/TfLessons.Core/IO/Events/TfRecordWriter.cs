using System.Buffers.Binary;

namespace TfLessons.IO.Events;

/// <summary>
/// Writes TFRecord framing (tensorflow/core/lib/io/record_writer.h):
/// <c>uint64 length | uint32 Mask(crc32c(length bytes)) | data | uint32 Mask(crc32c(data))</c>,
/// all little-endian, no file header or trailer.
/// </summary>
public sealed class TfRecordWriter : IDisposable
{
    /// <summary>Bytes of framing around each record: 8 length + 4 length crc + 4 data crc.</summary>
    public const int FramingOverhead = 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    /// <summary>Creates a writer appending records to <paramref name="stream"/>.</summary>
    public TfRecordWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _leaveOpen = leaveOpen;
    }

    /// <summary>Encodes one framed record.</summary>
    public static byte[] EncodeRecord(ReadOnlySpan<byte> data)
    {
        var record = new byte[data.Length + FramingOverhead];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(
            record.AsSpan(8),
            Checkpoint.Crc32C.ComputeMasked(record.AsSpan(0, 8))
        );
        data.CopyTo(record.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(
            record.AsSpan(12 + data.Length),
            Checkpoint.Crc32C.ComputeMasked(data)
        );
        return record;
    }

    /// <summary>Appends one record with a single write, so a crash cannot interleave partial records.</summary>
    public void Write(ReadOnlySpan<byte> data) => _stream.Write(EncodeRecord(data));

    /// <summary>Pushes buffered bytes to the operating system (not necessarily to disk).</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes and, unless <c>leaveOpen</c> was set, closes the stream.</summary>
    public void Dispose()
    {
        if (_leaveOpen)
        {
            _stream.Flush();
        }
        else
        {
            _stream.Dispose();
        }
    }
}
