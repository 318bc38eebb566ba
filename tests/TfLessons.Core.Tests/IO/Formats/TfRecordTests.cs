using System.Buffers.Binary;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;

namespace TfLessons.IO.Tests;

public class TfRecordTests
{
    private static byte[] TwoRecords() =>
        [.. TfRecordWriter.EncodeRecord("first"u8), .. TfRecordWriter.EncodeRecord("second record"u8)];

    [Fact]
    public void RecordLayoutMatchesTensorFlow()
    {
        byte[] record = TfRecordWriter.EncodeRecord("hello"u8);
        Assert.Equal(5 + 16, record.Length);
        Assert.Equal(5ul, BinaryPrimitives.ReadUInt64LittleEndian(record));
        Assert.Equal(
            Crc32C.ComputeMasked(record.AsSpan(0, 8)),
            BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(8))
        );
        Assert.Equal("hello"u8.ToArray(), record[12..17]);
        Assert.Equal(Crc32C.ComputeMasked("hello"u8), BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(17)));

        // The TF 1.14 file_version record, from the fixture README.
        byte[] fixture = File.ReadAllBytes(
            SharedData.Fixture("events-tf1.14-estimator-scalars", "events.out.tfevents.1567057356.leimao-evolvx")
        );
        Assert.Equal(fixture[..40], TfRecordWriter.EncodeRecord(fixture.AsSpan(12, 24)));
        Assert.Equal(0x224b7fa3u, BinaryPrimitives.ReadUInt32LittleEndian(fixture.AsSpan(8)));
    }

    [Fact]
    public void StreamRoundTrip()
    {
        var stream = new MemoryStream();
        using (var writer = new TfRecordWriter(stream, leaveOpen: true))
        {
            writer.Write([]);
            writer.Write("abc"u8);
            writer.Write(new byte[70000]);
        }
        stream.Position = 0;
        using var reader = new TfRecordReader(stream, "mem");
        List<TfRecord> records = reader.ReadAll().ToList();
        Assert.Equal([0L, 16L, 35L], records.Select(r => r.Offset));
        Assert.Equal([0, 3, 70000], records.Select(r => r.Data.Length));
        Assert.Equal(stream.Length, reader.Offset);
    }

    [Theory]
    [InlineData(3, "corrupt record at offset 0: length checksum mismatch")]
    [InlineData(9, "corrupt record at offset 0: length checksum mismatch")]
    [InlineData(14, "corrupt record at offset 0: data checksum mismatch")]
    [InlineData(19, "corrupt record at offset 0: data checksum mismatch")]
    [InlineData(21 + 12 + 2, "corrupt record at offset 21: data checksum mismatch")]
    public void FlippedBytesAreReportedWithOffset(int position, string expected)
    {
        byte[] bytes = TwoRecords();
        bytes[position] ^= 0x04;
        using var reader = new TfRecordReader(new MemoryStream(bytes), "events.bin");
        var e = Assert.Throws<InvalidDataException>(() => reader.ReadAll().ToList());
        Assert.Contains("events.bin: " + expected, e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(28)]
    public void TruncatedLastRecordIsIncomplete(int cut)
    {
        byte[] bytes = TwoRecords();
        byte[] truncated = bytes[..^cut];
        using (var strict = new TfRecordReader(new MemoryStream(truncated), "events.bin"))
        {
            var e = Assert.Throws<InvalidDataException>(() => strict.ReadAll().ToList());
            Assert.Contains("events.bin: incomplete record at offset 21", e.Message);
        }
        using var lenient = new TfRecordReader(new MemoryStream(truncated), "events.bin", allowIncompleteTail: true);
        Assert.Single(lenient.ReadAll());
        Assert.Equal(21, lenient.IncompleteTailOffset);
    }

    [Fact]
    public void HugeLengthWithValidChecksumDoesNotAllocate()
    {
        byte[] header = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, 1UL << 30);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Crc32C.ComputeMasked(header.AsSpan(0, 8)));
        byte[] bytes = [.. header, .. new byte[100]];

        using (var seekable = new TfRecordReader(new MemoryStream(bytes), "big"))
        {
            var e = Assert.Throws<InvalidDataException>(() => seekable.TryRead(out _));
            Assert.Contains(
                "incomplete record at offset 0: it declares 1073741824 data bytes but only 100 bytes remain",
                e.Message
            );
        }
        using (var streaming = new TfRecordReader(new NonSeekableStream(bytes), "pipe"))
        {
            var e = Assert.Throws<InvalidDataException>(() => streaming.TryRead(out _));
            Assert.Contains("incomplete record at offset 0", e.Message);
        }
        using var capped = new TfRecordReader(new MemoryStream(bytes), "capped", maxRecordLength: 1 << 20);
        Assert.Contains(
            "above the 1048576-byte limit",
            Assert.Throws<InvalidDataException>(() => capped.TryRead(out _)).Message
        );
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) =>
            _inner.Read(buffer, offset, Math.Min(count, 7));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
