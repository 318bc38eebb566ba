using System.Buffers.Binary;
using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Events;

/// <summary>One record read from a TFRecord stream.</summary>
/// <param name="Offset">Byte offset of the record's length field.</param>
/// <param name="Data">The record payload.</param>
public readonly record struct TfRecord(long Offset, byte[] Data);

/// <summary>
/// Reads TFRecord framing, verifying both masked CRCs of every record. Errors name the source and the
/// record's byte offset. A record cut short at the end of the stream (a writer still writing, or one that
/// crashed) is reported as "incomplete record at offset N", or, with <c>allowIncompleteTail</c>, ends the
/// stream quietly and is exposed through <see cref="IncompleteTailOffset"/>.
/// </summary>
public sealed class TfRecordReader : IDisposable
{
    private const int HeaderLength = 12;
    private readonly Stream _stream;
    private readonly string _source;
    private readonly bool _allowIncompleteTail;
    private readonly bool _leaveOpen;
    private readonly long _maxRecordLength;

    /// <summary>Creates a reader over <paramref name="stream"/>, starting at its current position.</summary>
    /// <param name="stream">The stream; seekable streams also get an up-front length check.</param>
    /// <param name="sourceName">Name used in error messages, usually the file path.</param>
    /// <param name="allowIncompleteTail">Stop quietly (instead of throwing) at a truncated last record.</param>
    /// <param name="leaveOpen">Leave the stream open on dispose.</param>
    /// <param name="maxRecordLength">Largest record accepted; larger declared lengths are reported as corrupt.</param>
    public TfRecordReader(Stream stream, string sourceName, bool allowIncompleteTail = false, bool leaveOpen = false,
        long maxRecordLength = int.MaxValue)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _source = sourceName;
        _allowIncompleteTail = allowIncompleteTail;
        _leaveOpen = leaveOpen;
        _maxRecordLength = Math.Min(maxRecordLength, Array.MaxLength);
        Offset = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>Byte offset of the next record.</summary>
    public long Offset { get; private set; }

    /// <summary>Offset of a truncated final record, when one was met with <c>allowIncompleteTail</c>.</summary>
    public long? IncompleteTailOffset { get; private set; }

    /// <summary>Reads the next record; returns false at a clean end of stream (or an allowed incomplete
    /// tail).</summary>
    /// <exception cref="InvalidDataException">A checksum mismatch, or an incomplete record when not
    /// allowed.</exception>
    public bool TryRead(out TfRecord record)
    {
        record = default;
        long start = Offset;
        var header = new byte[HeaderLength];
        int got = ReadUpTo(header);
        if (got == 0)
        {
            return false;
        }
        if (got < HeaderLength)
        {
            return Incomplete(start, $"only {got} of the {HeaderLength} header bytes are present");
        }
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        uint storedLengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        uint lengthCrc = Crc32C.ComputeMasked(header.AsSpan(0, 8));
        if (storedLengthCrc != lengthCrc)
        {
            throw new InvalidDataException(
                $"{_source}: corrupt record at offset {start}: length checksum mismatch " +
                $"(stored 0x{storedLengthCrc:x8}, computed 0x{lengthCrc:x8}).");
        }
        if (length > (ulong)_maxRecordLength)
        {
            throw new InvalidDataException(
                $"{_source}: record at offset {start} declares length "
                    + $"{length}, above the {_maxRecordLength}-byte limit."
            );
        }
        // Fail fast, before allocating, when a seekable stream cannot hold the declared record.
        if (_stream.CanSeek && (long)length + 4 > _stream.Length - _stream.Position)
        {
            return Incomplete(
                start,
                $"it declares {length} data bytes but only {_stream.Length - _stream.Position} bytes remain"
            );
        }
        byte[] data = ReadGrowing((long)length, out bool complete);
        var footer = new byte[4];
        if (!complete || ReadUpTo(footer) < 4)
        {
            return Incomplete(start, $"it declares {length} data bytes but the stream ends first");
        }
        uint storedDataCrc = BinaryPrimitives.ReadUInt32LittleEndian(footer);
        uint dataCrc = Crc32C.ComputeMasked(data);
        if (storedDataCrc != dataCrc)
        {
            throw new InvalidDataException(
                $"{_source}: corrupt record at offset {start}: data checksum mismatch " +
                $"(stored 0x{storedDataCrc:x8}, computed 0x{dataCrc:x8}).");
        }
        Offset = start + HeaderLength + (long)length + 4;
        record = new TfRecord(start, data);
        return true;
    }

    /// <summary>Reads all remaining records.</summary>
    public IEnumerable<TfRecord> ReadAll()
    {
        while (TryRead(out TfRecord record))
        {
            yield return record;
        }
    }

    /// <summary>Closes the stream unless <c>leaveOpen</c> was set.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool Incomplete(long start, string detail)
    {
        if (_allowIncompleteTail)
        {
            IncompleteTailOffset = start;
            return false;
        }
        throw new InvalidDataException($"{_source}: incomplete record at offset {start}: {detail}.");
    }

    private int ReadUpTo(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = _stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    // Grows the buffer as bytes actually arrive, so a bogus length on a non-seekable stream
    // cannot force a huge allocation up front.
    private byte[] ReadGrowing(long length, out bool complete)
    {
        var buffer = new byte[Math.Min(length, 1 << 20)];
        long total = 0;
        while (total < length)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
            }
            int n = _stream.Read(buffer, (int)total, buffer.Length - (int)total);
            if (n == 0)
            {
                complete = false;
                return buffer;
            }
            total += n;
        }
        complete = true;
        return buffer;
    }
}
