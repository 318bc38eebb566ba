using System.Runtime.CompilerServices;

namespace TfLessons.Ops;

/// <summary>
/// The values of small integer tensors that depend only on shapes (TF1's gradient subgraphs compute reshape
/// targets and reduction axes with Shape, BroadcastGradientArgs, DynamicStitch...), so ops whose output
/// shape depends on such a value still get a concrete shape at plan time, when every input shape is known.
/// </summary>
/// <remarks>
/// Shape, Size and Rank record their input's shape each time their shape rule runs (at build time, then at
/// every plan, in creation order, so a consumer always sees the shapes of the plan being built). Records
/// are per thread, as a plan is built on one thread, and weak, so graphs are not kept alive.
/// </remarks>
internal static class ShapeValues
{
    private const int MaxElements = 1 << 16;
    private const int MaxDepth = 256;

    [ThreadStatic] private static ConditionalWeakTable<Operation, int[]>? _inputShapes;

    private static ConditionalWeakTable<Operation, int[]> InputShapes => _inputShapes ??= [];

    /// <summary>Called by the shape rules of Shape, Size and Rank.</summary>
    public static void Record(Operation op, Shape input)
    {
        InputShapes.Remove(op);
        if (input.IsFullyDefined) InputShapes.Add(op, input.ToArray());
    }

    public static bool TryRecorded(Operation op, out int[] shape) => InputShapes.TryGetValue(op, out shape!);

    /// <summary>The value of <paramref name="t"/> if it follows from constants and known shapes; null otherwise.</summary>
    public static NDArray? TryGet(Tensor t) => TryGet(t, 0);

    /// <summary>An integer vector value as ints, or null when unknown.</summary>
    public static int[]? TryGetInts(Tensor t)
    {
        NDArray? value = TryGet(t);
        if (value is null || value.Rank > 1) return null;
        var ints = new int[value.Size];
        for (int i = 0; i < ints.Length; i++) ints[i] = checked((int)value.GetDouble(i));
        return ints;
    }

    private static NDArray? TryGet(Tensor t, int depth)
    {
        if (depth > MaxDepth) return null;
        Operation op = t.Op;
        if (op.Type == "Const")
        {
            NDArray value = StateOps.ConstAttrs.Of(op).Value;
            return value.DType is DType.Int32 or DType.Int64 && value.Size <= MaxElements ? value : null;
        }
        if (op.Type is "Shape" or "Size" or "Rank") return TryRecorded(op, out int[] shape) ? ShapeOps.ShapeOf(op, shape) : null;
        if (!ShapeOps.Evaluable(op.Type)) return null;
        var inputs = new NDArray[op.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            NDArray? value = TryGet(op.Inputs[i], depth + 1);
            if (value is null) return null;
            inputs[i] = value;
        }
        NDArray[]? outputs = ShapeOps.Evaluate(op, inputs);
        return outputs is null || outputs[t.Index].Size > MaxElements ? null : outputs[t.Index];
    }
}
