using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Encoders and decoders for <c>BundleHeaderProto</c>, <c>BundleEntryProto</c> and <c>TensorShapeProto</c>
/// (tensor_bundle.proto, tensor_shape.proto). Encoding follows TF's C++ serializer exactly: fields in
/// number order, proto3 zero values omitted, except that <c>shape</c> is always present (even <c>12 00</c>
/// for a scalar) because <c>BundleWriter::Add</c> marks it set.
/// </summary>
internal static class BundleProtos
{
    /// <summary>
    /// The header every TF bundle has: num_shards 1, version {producer 1}; bytes <c>08 01 1a 02 08 01</c>.
    /// </summary>
    public static byte[] EncodeHeader(CheckpointHeader header)
    {
        var version = new ProtoWriter();
        if (header.Producer != 0) version.Int64(1, header.Producer);
        if (header.MinConsumer != 0) version.Int64(2, header.MinConsumer);
        foreach (int bad in header.BadConsumers) version.Int64(3, bad);
        var w = new ProtoWriter();
        if (header.NumShards != 0) w.Int64(1, header.NumShards);
        if (header.IsBigEndian) w.Varint(2, 1);
        w.Message(3, version);
        return w.ToArray();
    }

    public static CheckpointHeader DecodeHeader(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context);
        int numShards = 0, producer = 0, minConsumer = 0;
        bool bigEndian = false;
        var bad = new List<int>();
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field == 1 && wt == WireType.Varint) numShards = ToInt32(r.ReadVarint(), "num_shards", context);
            else if (field == 2 && wt == WireType.Varint) bigEndian = r.ReadVarint() != 0;
            else if (field == 3 && wt == WireType.LengthDelimited)
            {
                var v = new ProtoReader(r.ReadLengthDelimited(), context + " version");
                while (v.TryReadTag(out int vf, out WireType vwt))
                {
                    if (vf == 1 && vwt == WireType.Varint)
                        producer = ToInt32(v.ReadVarint(), "version.producer", context);
                    else if (vf == 2 && vwt == WireType.Varint)
                        minConsumer = ToInt32(v.ReadVarint(), "version.min_consumer", context);
                    else if (vf == 3 && vwt == WireType.Varint)
                        bad.Add(ToInt32(v.ReadVarint(), "version.bad_consumers", context));
                    else if (vf == 3 && vwt == WireType.LengthDelimited)
                    {
                        // Packed repeated int32.
                        var p = new ProtoReader(v.ReadLengthDelimited(), context + " bad_consumers");
                        while (!p.AtEnd) bad.Add(ToInt32(p.ReadVarint(), "version.bad_consumers", context));
                    }
                    else v.Skip(vwt);
                }
            }
            else r.Skip(wt);
        }
        return new CheckpointHeader(numShards, bigEndian, producer, minConsumer, bad);
    }

    // int32 fields arrive as 64-bit varints (negative values sign-extended); anything else would wrap silently.
    private static int ToInt32(ulong raw, string field, string context)
    {
        long value = unchecked((long)raw);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"{context}: {field} {raw} does not fit the proto's int32 field.");
        }
        return (int)value;
    }

    public static byte[] EncodeEntry(CheckpointEntry e)
    {
        var w = new ProtoWriter();
        if (e.DType != TfDataType.Invalid) w.Varint(1, (ulong)e.DType);
        w.Message(2, EncodeShape(e.Shape));
        if (e.ShardId != 0) w.Int64(3, e.ShardId);
        if (e.Offset != 0) w.Int64(4, e.Offset);
        if (e.Size != 0) w.Int64(5, e.Size);
        if (e.MaskedCrc32C != 0) w.Fixed32(6, e.MaskedCrc32C);
        return w.ToArray();
    }

    public static CheckpointEntry DecodeEntry(string name, ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context);
        long dtype = 0, shardId = 0, offset = 0, size = 0;
        uint crc = 0;
        long[] shape = [];
        int slices = 0;
        while (r.TryReadTag(out int field, out WireType wt))
        {
            switch (field)
            {
                case 1:
                    r.Expect(wt, WireType.Varint, "dtype");
                    dtype = (long)r.ReadVarint();
                    break;
                case 2:
                    r.Expect(wt, WireType.LengthDelimited, "shape");
                    shape = DecodeShape(r.ReadLengthDelimited(), context);
                    break;
                case 3:
                    r.Expect(wt, WireType.Varint, "shard_id");
                    shardId = (long)r.ReadVarint();
                    break;
                case 4:
                    r.Expect(wt, WireType.Varint, "offset");
                    offset = (long)r.ReadVarint();
                    break;
                case 5:
                    r.Expect(wt, WireType.Varint, "size");
                    size = (long)r.ReadVarint();
                    break;
                case 6:
                    r.Expect(wt, WireType.Fixed32, "crc32c");
                    crc = r.ReadFixed32();
                    break;
                case 7:
                    r.Expect(wt, WireType.LengthDelimited, "slices");
                    r.ReadLengthDelimited();
                    slices++;
                    break;
                default:
                    r.Skip(wt);
                    break;
            }
        }
        if (dtype is < 0 or > int.MaxValue || shardId is < 0 or > int.MaxValue || offset < 0 || size < 0)
        {
            throw new InvalidDataException(
                $"{context}: out-of-range field (dtype {dtype}, shard_id {shardId}, offset {offset}, size {size}).");
        }
        return new CheckpointEntry(name, (TfDataType)dtype, shape, (int)shardId, offset, size, crc)
        {
            SliceCount = slices,
        };
    }

    public static ProtoWriter EncodeShape(IReadOnlyList<long> shape)
    {
        var w = new ProtoWriter();
        foreach (long dim in shape)
        {
            var d = new ProtoWriter();
            if (dim != 0) d.Int64(1, dim);
            w.Message(2, d);
        }
        return w;
    }

    public static long[] DecodeShape(ReadOnlySpan<byte> bytes, string context)
    {
        var r = new ProtoReader(bytes, context + " shape");
        var dims = new List<long>();
        while (r.TryReadTag(out int field, out WireType wt))
        {
            if (field == 2 && wt == WireType.LengthDelimited)
            {
                var d = new ProtoReader(r.ReadLengthDelimited(), context + " shape dim");
                long size = 0;
                while (d.TryReadTag(out int df, out WireType dwt))
                {
                    if (df == 1 && dwt == WireType.Varint) size = (long)d.ReadVarint();
                    else d.Skip(dwt);
                }
                if (size < 0)
                {
                    throw new InvalidDataException($"{context}: shape has an unknown (negative) dimension {size}.");
                }
                dims.Add(size);
            }
            else if (field == 3 && wt == WireType.Varint)
            {
                if (r.ReadVarint() != 0)
                {
                    throw new InvalidDataException(
                        $"{context}: shape has unknown rank, which a stored tensor cannot have."
                    );
                }
            }
            else r.Skip(wt);
        }
        return dims.ToArray();
    }
}
