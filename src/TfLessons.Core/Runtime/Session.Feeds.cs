using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// TensorFlow 1's feed conversion: a value is first made an array of the placeholder's dtype, as
/// <c>np.asarray(value, dtype=placeholder.dtype)</c> does, then checked against the placeholder's shape. A feed of the
/// right dtype is passed through untouched; a converted one costs one conversion per run.
/// </summary>
public partial class Session
{
    private static ReadOnlySpan<(Tensor, NDArray)> ConvertFeeds(ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds)
    {
        int first = -1;
        for (int i = 0; i < feeds.Length; i++)
        {
            if (feeds[i].Value.DType != feeds[i].Tensor.DType) { first = i; break; }
        }
        if (first < 0) return feeds;
        var converted = feeds.ToArray();
        for (int i = first; i < converted.Length; i++)
        {
            var (tensor, value) = converted[i];
            if (value.DType != tensor.DType) converted[i] = (tensor, ConvertFeed(tensor, value));
        }
        return converted;
    }

    /// <summary>NumPy's <c>astype</c>, plus TF1's check that a scalar integer fits the placeholder.</summary>
    internal static NDArray ConvertFeed(Tensor tensor, NDArray value)
    {
        DType target = tensor.DType;
        if (value.Size == 1 && IsInteger(value.DType) && IsInteger(target))
        {
            long v = Elements.ReadLong(value.Data, value.DType, 0);
            if ((target == DType.Int32 && v is < int.MinValue or > int.MaxValue) || (target == DType.Int16 && v is < short.MinValue or > short.MaxValue))
            {
                throw new ArgumentException($"Type of feed value {v} with type int is not compatible with Tensor type <dtype: '{target.Name()}'> " +
                    $"for Tensor '{tensor.Name}'. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).");
            }
        }
        return np.astype(value, target);
    }

    private static bool IsInteger(DType t) => t is DType.Int16 or DType.Int32 or DType.Int64;
}
