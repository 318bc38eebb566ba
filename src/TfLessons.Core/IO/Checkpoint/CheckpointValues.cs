namespace TfLessons.IO.Checkpoint;

/// <summary>Arrays to and from checkpoint tensors, for the dtypes TfLessons variables hold.</summary>
public static class CheckpointValues
{
    /// <summary>An array as the checkpoint tensor <paramref name="name"/>.</summary>
    public static CheckpointTensor ToCheckpoint(string name, NDArray a)
    {
        long[] shape = a.Dims.Select(d => (long)d).ToArray();
        return a.DType switch
        {
            DType.Float32 => CheckpointTensor.FromFloats(name, shape, a.AsSpan<float>()),
            DType.Float64 => CheckpointTensor.FromDoubles(name, shape, a.AsSpan<double>()),
            DType.Int32 => CheckpointTensor.FromInt32s(name, shape, a.AsSpan<int>()),
            DType.Int64 => CheckpointTensor.FromInt64s(name, shape, a.AsSpan<long>()),
            DType.Bool => CheckpointTensor.FromBools(name, shape, a.AsSpan<bool>()),
            _ => throw new ArgumentException($"cannot save '{name}' of dtype {a.DType}"),
        };
    }

    /// <summary>The DType a checkpoint dtype maps to, or null when TfLessons tensors cannot hold it.</summary>
    public static DType? DTypeOf(TfDataType t) => t switch
    {
        TfDataType.Float => DType.Float32,
        TfDataType.Double => DType.Float64,
        TfDataType.Int32 => DType.Int32,
        TfDataType.Int64 => DType.Int64,
        TfDataType.Bool => DType.Bool,
        _ => null,
    };

    /// <summary>A checkpoint tensor as an NDArray (float, double, int32, int64, bool), in <paramref name="shape"/> or
    /// its own.</summary>
    public static NDArray FromCheckpoint(CheckpointTensor t, int[]? shape = null)
    {
        int[] dims = shape ?? t.Shape.Select(d => checked((int)d)).ToArray();
        return t.DType switch
        {
            TfDataType.Float => np.wrap(t.GetFloats(), dims),
            TfDataType.Double => np.wrap(t.GetDoubles(), dims),
            TfDataType.Int32 => np.wrap(t.GetInt32s(), dims),
            TfDataType.Int64 => np.wrap(t.GetInt64s(), dims),
            TfDataType.Bool => np.wrap(t.GetBools(), dims),
            _ => throw new NotSupportedException(
                $"checkpoint tensor '{t.Name}' has dtype {t.DType.TfName()}, which TfLessons variables cannot hold"
            ),
        };
    }
}
