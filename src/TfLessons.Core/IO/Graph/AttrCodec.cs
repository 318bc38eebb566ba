using Google.Protobuf;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.IO.GraphDefs;

/// <summary>AttrValue to and from the engine's attribute objects (int, long seeds, bool, double, string, DType, Shape, NDArray, arrays).</summary>
internal static class AttrCodec
{
    public static object ToObject(AttrValue v, string node, string name)
    {
        string what = $"attr '{name}' of node '{node}'";
        switch (v.ValueCase)
        {
            case AttrValue.ValueOneofCase.S: return v.S.ToStringUtf8();
            case AttrValue.ValueOneofCase.I:
                if (name is "seed" or "seed2") return v.I;
                // Boxed as int when it fits (the engine's int attributes); a bare conditional makes both arms long.
                return v.I is >= int.MinValue and <= int.MaxValue ? (object)(int)v.I : v.I;
            case AttrValue.ValueOneofCase.F: return (double)v.F;
            case AttrValue.ValueOneofCase.B: return v.B;
            case AttrValue.ValueOneofCase.Type: return TensorCodec.ToDType(v.Type) ?? throw new NotSupportedException($"{what}: dtype {v.Type} is not supported");
            case AttrValue.ValueOneofCase.Shape: return TensorCodec.ToShape(v.Shape, what);
            case AttrValue.ValueOneofCase.Tensor: return TensorCodec.ToArray(v.Tensor, what);
            case AttrValue.ValueOneofCase.List:
                AttrValue.Types.ListValue l = v.List;
                if (l.Type.Count > 0) return l.Type.Select(t => TensorCodec.ToDType(t) ?? throw new NotSupportedException($"{what}: dtype {t} is not supported")).ToArray();
                if (l.S.Count > 0) return l.S.Select(s => s.ToStringUtf8()).ToArray();
                if (l.F.Count > 0) return l.F.Select(f => (double)f).ToArray();
                if (l.B.Count > 0) return l.B.ToArray();
                if (l.Shape.Count > 0) return l.Shape.Select(s => TensorCodec.ToShape(s, what)).ToArray();
                if (l.Tensor.Count > 0 || l.Func.Count > 0) throw new NotSupportedException($"{what}: lists of tensors or functions are not supported");
                return l.I.Select(i => checked((int)i)).ToArray();
            case AttrValue.ValueOneofCase.Func: throw new NotSupportedException($"{what}: function attributes are not supported");
            case AttrValue.ValueOneofCase.Placeholder: throw new NotSupportedException($"{what}: placeholder attributes (function bodies) are not supported");
            default: throw new InvalidDataException($"{what}: unknown attr value type (no field TfLessons knows is set)");
        }
    }

    public static AttrValue? FromObject(object o) => o switch
    {
        string s => new AttrValue { S = ByteString.CopyFromUtf8(s) },
        int i => new AttrValue { I = i },
        long l => new AttrValue { I = l },
        bool b => new AttrValue { B = b },
        double d => new AttrValue { F = (float)d },
        float f => new AttrValue { F = f },
        DType t => new AttrValue { Type = TensorCodec.FromDType(t) },
        Shape s => new AttrValue { Shape = TensorCodec.FromShape(s) },
        NDArray a => new AttrValue { Tensor = TensorCodec.FromArray(a) },
        int[] ints => List(l => l.I.AddRange(ints.Select(i => (long)i))),
        DType[] types => List(l => l.Type.AddRange(types.Select(TensorCodec.FromDType))),
        string[] strings => List(l => l.S.AddRange(strings.Select(ByteString.CopyFromUtf8))),
        _ => null,
    };

    private static AttrValue List(Action<AttrValue.Types.ListValue> fill)
    {
        var l = new AttrValue.Types.ListValue();
        fill(l);
        return new AttrValue { List = l };
    }
}
