namespace TfLessons.Runtime.Kernels.Reference;

/// <summary>The oracle for the ops added for imported TF1 graphs, by their definitions.</summary>
public static partial class ReferenceKernels
{
    private static NDArray? EvaluateGraphOp(Operation op, NDArray[] inputs)
    {
        DType outType = op.Outputs[0].DType;
        return op.Type switch
        {
            "Reciprocal" => Unary(inputs[0], outType, a => 1 / a),
            "PreventGradient" => Unary(inputs[0], outType, a => a),
            "BiasAdd" => Binary(inputs, outType, (x, b) => x + b),   // b broadcasts along the last axis
            "L2Loss" => Filled([], Enumerable.Range(0, inputs[0].Size).Sum(i => inputs[0].GetDouble(i) * inputs[0].GetDouble(i)) / 2, outType),
            "FloorDiv" => Binary(inputs, outType, (a, b) => Math.Floor(a / b)),
            "FloorMod" => Binary(inputs, outType, (a, b) => a - Math.Floor(a / b) * b),
            "Shape" => Ints(inputs[0].Dims),
            "Size" => Ints([inputs[0].Size]).reshape(),
            "Rank" => Ints([inputs[0].Rank]).reshape(),
            "Reshape.dynamic" => Reshaped(inputs[0], NDArray.ResolveReshape(inputs[0].Size, inputs[1].ToDoubleArray().Select(v => (int)v).ToArray(), "Reshape")),
            _ => null,
        };
    }

    private static NDArray Ints(int[] values) => np.array(values);
}
