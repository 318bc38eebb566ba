using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Tests;

public class EventCodecTests
{
    private static ProtoWriter ScalarTensor(TfDataType dtype, Action<ProtoWriter> values)
    {
        var t = new ProtoWriter().Varint(1, (ulong)dtype).Message(2, new ProtoWriter());
        values(t);
        return t;
    }

    [Fact]
    public void DecodesAllScalarFormsAndSkipsUnknownFields()
    {
        var packedFloat = new ByteBuffer();
        packedFloat.WriteFixed32(BitConverter.SingleToUInt32Bits(0.75f));
        var summary = new ProtoWriter()
            .Message(
                1,
                new ProtoWriter()
                    .String(1, "d")
                    .String(7, "node")
                    .Message(8, ScalarTensor(TfDataType.Double, t => t.Bytes(4, BitConverter.GetBytes(2.25))))
            )
            .Message(
                1,
                new ProtoWriter()
                    .String(1, "packed")
                    .Message(8, ScalarTensor(TfDataType.Float, t => t.Bytes(5, packedFloat.Span)))
            )
            .Message(
                1,
                new ProtoWriter()
                    .String(1, "unpacked")
                    .Message(8, ScalarTensor(TfDataType.Float, t => t.Float(5, 0.5f)))
            )
            .Message(
                1,
                new ProtoWriter()
                    .String(1, "dval")
                    .Message(8, ScalarTensor(TfDataType.Double, t => t.PackedDoubles(6, [-4.0])))
            )
            .Message(
                1,
                new ProtoWriter().String(1, "img").Message(4, new ProtoWriter().Varint(1, 2).Bytes(4, [1, 2, 3]))
            )
            .Varint(77, 1);
        byte[] bytes = new ProtoWriter()
            .Double(1, 1.5).Varint(2, 3).Varint(99, 7).Fixed32(98, 5).Message(5, summary)
            .Message(10, new ProtoWriter().String(1, "someone").Varint(2, 1))
            .ToArray();

        TfEvent e = EventCodec.Decode(bytes);

        Assert.Equal((1.5, 3L, EventKind.Summary, "someone"), (e.WallTime, e.Step, e.Kind, e.SourceWriter));
        Assert.Equal(["d", "packed", "unpacked", "dval", "img"], e.Values.Select(v => v.Tag));
        Assert.Equal([2.25, 0.75, 0.5, -4.0, null], e.Values.Select(v => v.Scalar));
    }

    [Fact]
    public void NonScalarTensorHasNoScalarValue()
    {
        var tensor = new SummaryTensor(TfDataType.Float, [2], new byte[8], [], []);
        Assert.Null(tensor.ScalarValue);
    }

    [Fact]
    public void MalformedEventNamesContext()
    {
        byte[] truncated = new ProtoWriter().Double(1, 1.0).String(3, "brain.Event:2").ToArray()[..^3];
        var e = Assert.Throws<InvalidDataException>(() =>
            EventCodec.Decode(truncated, "Event file 'x', record at offset 40")
        );
        Assert.Contains("Event file 'x', record at offset 40", e.Message);
        Assert.Throws<NotSupportedException>(() => EventCodec.Encode(new TfEvent { Kind = EventKind.GraphDef }));
    }

    [Fact]
    public void StepZeroAndZeroHistogramFieldsAreOmittedLikeProto3()
    {
        byte[] scalar = EventCodec.Encode(new TfEvent
        {
            WallTime = 2.0,
            Kind = EventKind.Summary,
            Values = [new SummaryValue { Tag = "x", SimpleValue = 0f }],
        });
        // wall_time, then summary directly (no step); simple_value 0 is still written (oneof member).
        Assert.Equal(
            [0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x2a, 0x0a, 0x0a, 0x08, 0x0a, 0x01, (byte)'x', 0x15, 0, 0, 0, 0],
            scalar
        );
    }
}
