using TfLessons.Runtime.Kernels;

namespace TfLessons.Runtime;

/// <summary>
/// One compiled run: the pruned ops in creation order (a valid topological order, since inputs always
/// exist before their consumers), their kernels, and the value slots, built once per
/// (fetches, feeds, feed shapes) and reused.
/// </summary>
internal sealed class Plan
{
    public required ITensorOrOperation[] Fetches { get; init; }
    public required Tensor[] FeedTensors { get; init; }
    public required int[][] FeedShapes { get; init; }
    public required int[] FeedSlots { get; init; }
    public required int[] FetchSlots { get; init; }
    public required Kernel[] Kernels { get; init; }
    public required Operation[] Ops { get; init; }
    public required NDArray?[] Values { get; init; }

    /// <summary>How the outputs' buffers were laid out (allocated bytes against the peak of live ones).</summary>
    public required BufferPlan Buffers { get; init; }

    public bool Matches(ReadOnlySpan<ITensorOrOperation> fetches, ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds)
    {
        if (fetches.Length != Fetches.Length || feeds.Length != FeedTensors.Length) return false;
        for (int i = 0; i < fetches.Length; i++)
        {
            if (!ReferenceEquals(fetches[i], Fetches[i])) return false;
        }
        for (int i = 0; i < feeds.Length; i++)
        {
            if (!ReferenceEquals(feeds[i].Tensor, FeedTensors[i]) || !feeds[i].Value.ShapeSpan.SequenceEqual(FeedShapes[i])) return false;
        }
        return true;
    }

    public void Execute(ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds)
    {
        NDArray?[] values = Values;
        for (int i = 0; i < feeds.Length; i++) values[FeedSlots[i]] = feeds[i].Value;
        Kernel[] kernels = Kernels;
        int k = 0;
        try
        {
            for (; k < kernels.Length; k++) kernels[k].Run(values);
        }
        catch (Exception e) when (e is not FailedPreconditionError and not InvalidArgumentError)
        {
            Operation op = Ops[k];
            throw new InvalidArgumentError($"{op.Type} '{op.Name}' failed: {e.Message}", e);
        }
        finally
        {
            // Fed arrays belong to the caller: drop the references so the plan does not keep them alive.
            for (int i = 0; i < feeds.Length; i++) values[FeedSlots[i]] = null;
        }
    }
}

