using TfLessons.IO.Checkpoint;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Events;

/// <summary>
/// Serializes and parses TensorBoard <c>Event</c> protos (event.proto, summary.proto, histogram.proto,
/// tensor.proto). Encoding matches TF's C++ serializer byte for byte: fields in number order, proto3
/// zero values omitted (so step 0 is absent), oneof members always written once set.
/// </summary>
public static class EventCodec
{
    /// <summary>The version string of the first record (<c>kVersionPrefix</c> + <c>kCurrentVersion</c>).</summary>
    public const string CurrentFileVersion = "brain.Event:2";

    /// <summary>Encodes an event's protobuf bytes (the TFRecord payload).</summary>
    /// <exception cref="NotSupportedException">The kind carries a payload that is not decoded (graph_def
    /// etc.).</exception>
    public static byte[] Encode(TfEvent e)
    {
        var w = new ProtoWriter();
        w.DoubleIfNonZero(1, e.WallTime);
        if (e.Step != 0) w.Int64(2, e.Step);
        switch (e.Kind)
        {
            case EventKind.None:
                break;
            case EventKind.FileVersion:
                w.String(3, e.FileVersion ?? "");
                break;
            case EventKind.Summary:
                var summary = new ProtoWriter();
                foreach (SummaryValue v in e.Values) summary.Message(1, EncodeValue(v));
                w.Message(5, summary);
                break;
            case EventKind.SessionLog:
                SessionLogEntry log = e.SessionLog ?? new SessionLogEntry(SessionStatus.Unspecified);
                var s = new ProtoWriter();
                if (log.Status != SessionStatus.Unspecified) s.Varint(1, (ulong)log.Status);
                if (!string.IsNullOrEmpty(log.CheckpointPath)) s.String(2, log.CheckpointPath);
                if (!string.IsNullOrEmpty(log.Message)) s.String(3, log.Message);
                w.Message(7, s);
                break;
            default:
                throw new NotSupportedException($"Encoding {e.Kind} events is not supported.");
        }
        if (e.SourceWriter is not null)
        {
            w.Message(10, new ProtoWriter().String(1, e.SourceWriter));
        }
        return w.ToArray();
    }

    /// <summary>Decodes an event, skipping fields and payloads it does not model.</summary>
    /// <param name="bytes">The TFRecord payload.</param>
    /// <param name="context">Prefix for error messages (file and record offset).</param>
    /// <exception cref="InvalidDataException">Malformed protobuf.</exception>
    public static TfEvent Decode(ReadOnlySpan<byte> bytes, string context = "event")
    {
        var r = new ProtoReader(bytes, context);
        var e = new TfEvent();
        while (r.TryReadTag(out int field, out WireType wt))
        {
            switch (field)
            {
                case 1 when wt == WireType.Fixed64: e = e with { WallTime = r.ReadDouble() }; break;
                case 2 when wt == WireType.Varint: e = e with { Step = (long)r.ReadVarint() }; break;
                case 3 when wt == WireType.LengthDelimited:
                    e = e with { Kind = EventKind.FileVersion, FileVersion = r.ReadString() };
                    break;
                case 5 when wt == WireType.LengthDelimited:
                    e = e with { Kind = EventKind.Summary, Values = DecodeSummary(r.ReadLengthDelimited(), context) };
                    break;
                case 7 when wt == WireType.LengthDelimited:
                    e = e with
                    {
                        Kind = EventKind.SessionLog,
                        SessionLog = DecodeSessionLog(r.ReadLengthDelimited(), context),
                    };
                    break;
                case 4 or 6 or 8 or 9 when wt == WireType.LengthDelimited:
                    r.ReadLengthDelimited(); // graph_def, log_message, run metadata, meta_graph_def: not modelled.
                    e = e with { Kind = (EventKind)field };
                    break;
                case 10 when wt == WireType.LengthDelimited:
                    var m = new ProtoReader(r.ReadLengthDelimited(), context + " source_metadata");
                    while (m.TryReadTag(out int mf, out WireType mwt))
                    {
                        if (mf == 1 && mwt == WireType.LengthDelimited) e = e with { SourceWriter = m.ReadString() };
                        else m.Skip(mwt);
                    }
                    break;
                default:
                    r.Skip(wt);
                    break;
            }
        }
        return e;
    }

    private static ProtoWriter EncodeValue(SummaryValue v)
    {
        var w = new ProtoWriter().String(1, v.Tag);
        if (v.SimpleValue is { } simple) w.Float(2, simple);
        if (v.Histogram is { } h)
        {
            var hw = new ProtoWriter();
            hw.DoubleIfNonZero(1, h.Min).DoubleIfNonZero(2, h.Max).DoubleIfNonZero(3, h.Num)
              .DoubleIfNonZero(4, h.Sum).DoubleIfNonZero(5, h.SumSquares);
            if (h.BucketLimits.Length > 0) hw.PackedDoubles(6, h.BucketLimits);
            if (h.Buckets.Length > 0) hw.PackedDoubles(7, h.Buckets);
            w.Message(5, hw);
        }
        if (v.Tensor is { } t)
        {
            var tw = new ProtoWriter();
            if (t.DType != TfDataType.Invalid) tw.Varint(1, (ulong)t.DType);
            tw.Message(2, BundleProtos.EncodeShape(t.Shape));
            if (t.TensorContent.Length > 0) tw.Bytes(4, t.TensorContent);
            if (t.FloatVal.Length > 0)
            {
                var packed = new ByteBuffer();
                foreach (float f in t.FloatVal) packed.WriteFixed32(unchecked((uint)BitConverter.SingleToInt32Bits(f)));
                tw.Bytes(5, packed.Span);
            }
            if (t.DoubleVal.Length > 0) tw.PackedDoubles(6, t.DoubleVal);
            w.Message(8, tw);
        }
        if (v.PluginName is not null)
        {
            var pluginData = new ProtoWriter().String(1, v.PluginName);
            w.Message(9, new ProtoWriter().Message(1, pluginData));
        }
        return w;
    }

    private static List<SummaryValue> DecodeSummary(ReadOnlySpan<byte> bytes, string context)
    {
        var values = new List<SummaryValue>();
        var r = new ProtoReader(bytes, context + " summary");
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field == 1 && wt == WireType.LengthDelimited) values.Add(DecodeValue(r.ReadLengthDelimited(), context));
            else r.Skip(wt);
        }
        return values;
    }

    private static SummaryValue DecodeValue(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " summary value");
        var v = new SummaryValue { Tag = "" };
        while (r.TryReadTag(out int field, out WireType wt))
        {
            switch (field)
            {
                case 1 when wt == WireType.LengthDelimited:
                    v = v with { Tag = r.ReadString() };
                    break;
                case 2 when wt == WireType.Fixed32:
                    v = v with { SimpleValue = r.ReadFloat() };
                    break;
                case 5 when wt == WireType.LengthDelimited:
                    v = v with { Histogram = DecodeHistogram(r.ReadLengthDelimited(), context) };
                    break;
                case 8 when wt == WireType.LengthDelimited:
                    v = v with { Tensor = DecodeTensor(r.ReadLengthDelimited(), context) };
                    break;
                case 9 when wt == WireType.LengthDelimited:
                    v = v with { PluginName = DecodePluginName(r.ReadLengthDelimited(), context) };
                    break;
                default:
                    r.Skip(wt);
                    break;
            }
        }
        return v;
    }

    private static SessionLogEntry DecodeSessionLog(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " session_log");
        var log = new SessionLogEntry(SessionStatus.Unspecified);
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field == 1 && wt == WireType.Varint)
                log = log with { Status = (SessionStatus)EnumValue(r.ReadVarint(), "session_log.status", context) };
            else if (field == 2 && wt == WireType.LengthDelimited)
                log = log with { CheckpointPath = r.ReadString() };
            else if (field == 3 && wt == WireType.LengthDelimited)
                log = log with { Message = r.ReadString() };
            else
                r.Skip(wt);
        }
        return log;
    }

    private static HistogramValue DecodeHistogram(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " histogram");
        var d = new double[5];
        var limits = new List<double>();
        var buckets = new List<double>();
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field is >= 1 and <= 5 && wt == WireType.Fixed64) d[field - 1] = r.ReadDouble();
            else if (field is 6 or 7) ReadDoubles(ref r, wt, field == 6 ? limits : buckets);
            else r.Skip(wt);
        }
        return new HistogramValue(d[0], d[1], d[2], d[3], d[4], limits.ToArray(), buckets.ToArray());
    }

    private static SummaryTensor DecodeTensor(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " tensor");
        TfDataType dtype = TfDataType.Invalid;
        long[] shape = [];
        byte[] content = [];
        var floats = new List<float>();
        var doubles = new List<double>();
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field == 1 && wt == WireType.Varint)
                dtype = (TfDataType)EnumValue(r.ReadVarint(), "tensor dtype", context);
            else if (field == 2 && wt == WireType.LengthDelimited)
                shape = DecodeTensorShape(r.ReadLengthDelimited(), context);
            else if (field == 4 && wt == WireType.LengthDelimited)
                content = r.ReadLengthDelimited().ToArray();
            else if (field == 5 && wt == WireType.Fixed32)
                floats.Add(r.ReadFloat());
            else if (field == 5 && wt == WireType.LengthDelimited)
            {
                var p = new ProtoReader(r.ReadLengthDelimited(), context + " float_val");
                while (!p.AtEnd) floats.Add(p.ReadFloat());
            }
            else if (field == 6) ReadDoubles(ref r, wt, doubles);
            else r.Skip(wt);
        }
        return new SummaryTensor(dtype, shape, content, floats.ToArray(), doubles.ToArray());
    }

    // The element count must not wrap (a wrapped product of 1 would make a huge tensor look like a scalar).
    private static long[] DecodeTensorShape(ReadOnlySpan<byte> bytes, string context)
    {
        long[] shape = BundleProtos.DecodeShape(bytes, context + " tensor");
        try
        {
            TensorShapes.ElementCount(shape);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{context} tensor: {e.Message}.", e);
        }
        return shape;
    }

    // Enums are int32 on the wire (negative values sign-extended to 64 bits); a larger value would wrap.
    private static int EnumValue(ulong raw, string field, string context)
    {
        long value = unchecked((long)raw);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"{context}: {field} {raw} does not fit an int32 enum.");
        }
        return (int)value;
    }

    private static string? DecodePluginName(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " metadata");
        string? name = null;
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field != 1 || wt != WireType.LengthDelimited)
            {
                r.Skip(wt);
                continue;
            }
            var p = new ProtoReader(r.ReadLengthDelimited(), context + " plugin_data");
            while (p.TryReadTag(out int pf, out WireType pwt))
            {
                if (pf == 1 && pwt == WireType.LengthDelimited) name = p.ReadString();
                else p.Skip(pwt);
            }
        }
        return name;
    }

    // Repeated doubles may be packed (proto3 default) or one fixed64 per element (older writers).
    private static void ReadDoubles(ref ProtoReader r, WireType wt, List<double> into)
    {
        if (wt == WireType.Fixed64)
        {
            into.Add(r.ReadDouble());
            return;
        }
        r.Expect(wt, WireType.LengthDelimited, "repeated double");
        var p = new ProtoReader(r.ReadLengthDelimited(), r.Context);
        while (!p.AtEnd) into.Add(p.ReadDouble());
    }
}
