namespace TfLessons;

/// <summary>
/// The fetch structures TensorFlow 1's <c>Session.run</c> accepts beyond one tensor, an operation or an array: tuples
/// (returned as tuples, so <c>(_, float cost) = sess.run((train, loss), ...)</c> deconstructs) and dictionaries
/// (returned with the same keys), and TensorFlow.NET's <see cref="FeedItem"/> feeds.
/// </summary>
public partial class Session
{
    public (NDArray, NDArray, NDArray, NDArray) run(
        (ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params ReadOnlySpan<(Tensor, NDArray)> feeds)
    {
        NDArray[] r = RunCore([fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4], feeds, collect: true)!;
        return (r[0], r[1], r[2], r[3]);
    }

    /// <summary>Runs a dictionary of fetches and returns their values under the same keys.</summary>
    public Dictionary<TKey, NDArray> run<TKey>(IReadOnlyDictionary<TKey, ITensorOrOperation> fetches, params ReadOnlySpan<(Tensor, NDArray)> feeds)
        where TKey : notnull
    {
        KeyValuePair<TKey, ITensorOrOperation>[] items = fetches.ToArray();
        NDArray[] values = RunCore(items.Select(kv => kv.Value).ToArray(), feeds, collect: true)!;
        var result = new Dictionary<TKey, NDArray>(items.Length);
        for (int i = 0; i < items.Length; i++) result[items[i].Key] = values[i];
        return result;
    }

    public NDArray run(Tensor fetch, FeedItem[] feed_dict) => run(fetch, FeedItem.AsTuples(feed_dict));

    public void run(Operation target, FeedItem[] feed_dict) => run(target, FeedItem.AsTuples(feed_dict));

    public NDArray[] run(ITensorOrOperation[] fetches, FeedItem[] feed_dict) => run(fetches, FeedItem.AsTuples(feed_dict));

    // FeedItem overloads take at least one feed, so that a call with no feeds resolves to the span overloads.
    public NDArray run(Tensor fetch, FeedItem feed, params FeedItem[] more) => run(fetch, FeedItem.AsTuples(feed, more));

    public void run(Operation target, FeedItem feed, params FeedItem[] more) => run(target, FeedItem.AsTuples(feed, more));

    public NDArray[] run(ITensorOrOperation[] fetches, FeedItem feed, params FeedItem[] more) => run(fetches, FeedItem.AsTuples(feed, more));

    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, FeedItem feed, params FeedItem[] more) =>
        run(fetches, FeedItem.AsTuples(feed, more));

    public (NDArray, NDArray, NDArray) run(
        (ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, FeedItem feed, params FeedItem[] more) =>
        run(fetches, FeedItem.AsTuples(feed, more));
}

/// <summary>TensorFlow.NET's feed: a tensor and the value to feed it (<c>new FeedItem(x, batch)</c>).</summary>
public readonly record struct FeedItem(Tensor Key, NDArray Value)
{
    public static implicit operator FeedItem((Tensor Key, NDArray Value) item) => new(item.Key, item.Value);

    internal static (Tensor, NDArray)[] AsTuples(FeedItem[] feeds) => feeds.Select(f => (f.Key, f.Value)).ToArray();

    internal static (Tensor, NDArray)[] AsTuples(FeedItem first, FeedItem[] more) =>
        [(first.Key, first.Value), .. more.Select(f => (f.Key, f.Value))];
}
