using System.Numerics.Tensors;

namespace TfLessons.Runtime.Kernels;

internal static class StateKernels
{
    public static void Accumulate(NDArray target, NDArray value, bool subtract)
    {
        switch (target.DType)
        {
            case DType.Float32:
                if (subtract) TensorPrimitives.Subtract(target.Span<float>(), value.Span<float>(), target.Span<float>());
                else TensorPrimitives.Add(target.Span<float>(), value.Span<float>(), target.Span<float>());
                break;
            case DType.Float64:
                if (subtract) TensorPrimitives.Subtract(target.Span<double>(), value.Span<double>(), target.Span<double>());
                else TensorPrimitives.Add(target.Span<double>(), value.Span<double>(), target.Span<double>());
                break;
            case DType.Int32:
                if (subtract) TensorPrimitives.Subtract(target.Span<int>(), value.Span<int>(), target.Span<int>());
                else TensorPrimitives.Add(target.Span<int>(), value.Span<int>(), target.Span<int>());
                break;
            case DType.Int64:
                if (subtract) TensorPrimitives.Subtract(target.Span<long>(), value.Span<long>(), target.Span<long>());
                else TensorPrimitives.Add(target.Span<long>(), value.Span<long>(), target.Span<long>());
                break;
            default:
                throw new InvalidOperationException($"cannot add to a variable of dtype {target.DType.Name()}");
        }
    }
}
