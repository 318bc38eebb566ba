namespace TfLessons.Kernels.Reference;

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
            "Reshape.dynamic" => Reshaped(inputs[0], NDArray.ResolveReshape(inputs[0].Size, inputs[1].ToDoubleArray().Select(v => (int)v).ToArray(), "Reshape")),
            _ => null,
        };
    }
}
