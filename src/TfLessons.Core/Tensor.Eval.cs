using TfLessons.Ops;

namespace TfLessons;

/// <summary>TensorFlow 1's <c>Tensor.eval()</c> and comparison operators.</summary>
public partial class Tensor
{
    /// <summary>The tensor's value in <paramref name="session"/>, or in the default session (<see
    /// cref="Session.Default"/>).</summary>
    public NDArray eval(Session? session = null, params ReadOnlySpan<(Tensor, NDArray)> feed_dict) =>
        (session ?? Session.RequireDefault("evaluate tensor using `eval()`", Graph)).run(this, feed_dict);

    public NDArray eval(params ReadOnlySpan<(Tensor, NDArray)> feed_dict) => eval(null, feed_dict);

    public NDArray eval(Session session, FeedItem feed, params FeedItem[] more) => session.run(this, feed, more);

    public NDArray eval(FeedDict feed_dict, Session? session = null) =>
        (session ?? Session.RequireDefault("evaluate tensor using `eval()`", Graph)).run(this, feed_dict);

    /// <summary>
    /// TensorFlow.NET's <c>numpy()</c>, for programs written in eager style: the value in the default session when
    /// one is open on this graph, else in a session made for this one evaluation (so it works for computations of
    /// constants; placeholders must be fed and variables initialized, as in any session).
    /// </summary>
    public NDArray numpy()
    {
        if (Session.Default is Session open && open.Graph == Graph) return open.run(this);
        using var session = new Session(Graph);
        return session.run(this);
    }

    public static Tensor operator >(Tensor x, Tensor y) => MathOps.Compare("Greater", x, y, null);
    public static Tensor operator <(Tensor x, Tensor y) => MathOps.Compare("Less", x, y, null);
    public static Tensor operator >=(Tensor x, Tensor y) => MathOps.Compare("GreaterEqual", x, y, null);
    public static Tensor operator <=(Tensor x, Tensor y) => MathOps.Compare("LessEqual", x, y, null);
    public static Tensor operator >(Tensor x, double y) => x > Constants.Like(x, y);
    public static Tensor operator <(Tensor x, double y) => x < Constants.Like(x, y);
    public static Tensor operator >=(Tensor x, double y) => x >= Constants.Like(x, y);
    public static Tensor operator <=(Tensor x, double y) => x <= Constants.Like(x, y);
    public static Tensor operator >(double x, Tensor y) => Constants.Like(y, x) > y;
    public static Tensor operator <(double x, Tensor y) => Constants.Like(y, x) < y;
    public static Tensor operator >=(double x, Tensor y) => Constants.Like(y, x) >= y;
    public static Tensor operator <=(double x, Tensor y) => Constants.Like(y, x) <= y;

    /// <summary>An array used where a tensor is expected becomes a constant of the default graph, as TF converts NumPy
    /// arrays.</summary>
    public static implicit operator Tensor(NDArray value) => tf.constant(value);

    /// <summary>
    /// The static shape (TF1's <c>get_shape()</c>, TensorFlow.NET's <c>shape</c>); setting it merges the given shape
    /// in,
    /// as TF1's <c>set_shape</c> does, and fails when the two are incompatible.
    /// </summary>
    public Shape shape
    {
        get => Shape;
        set => Shape = Shape.MergeWith(value);
    }

    /// <summary>The tensor's rank, or -1 when unknown (TensorFlow.NET's <c>ndim</c>).</summary>
    public int ndim => Shape.IsUnknownRank ? -1 : Shape.Rank;
}
