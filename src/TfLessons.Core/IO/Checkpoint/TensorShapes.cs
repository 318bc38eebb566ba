namespace TfLessons.IO.Checkpoint;

/// <summary>Helpers for TensorFlow shapes (outermost dimension first, row-major layout).</summary>
public static class TensorShapes
{
    /// <summary>
    /// Number of elements in <paramref name="shape"/> (1 for a scalar, whose shape is empty).
    /// </summary>
    /// <exception cref="InvalidDataException">A dimension is negative or the product overflows.</exception>
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new InvalidDataException($"shape {Format(shape)} has a negative dimension");
            }
            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw new InvalidDataException($"shape {Format(shape)} has more than 2^63 elements");
            }
        }
        return count;
    }

    /// <summary>Bytes a fixed-size tensor of this shape occupies: element count × element size.</summary>
    /// <exception cref="InvalidDataException">The size overflows a 64-bit integer.</exception>
    public static long ByteSize(IReadOnlyList<long> shape, TfDataType dtype)
    {
        long count = ElementCount(shape);
        try
        {
            return checked(count * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{dtype.TfName()} shape {Format(shape)} is larger than 2^63 bytes");
        }
    }

    /// <summary>Formats a shape as TensorFlow prints it, e.g. <c>[6, 2]</c> or <c>[]</c>.</summary>
    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";
}
