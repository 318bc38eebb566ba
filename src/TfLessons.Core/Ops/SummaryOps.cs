using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>
/// Summary ops: each records (tag, values) in the run's result, and MergeSummary gathers them, so
/// <c>sess.run(tf.summary.merge_all())</c> returns what <c>FileWriter.add_summary</c> writes, as in TensorFlow 1.
/// </summary>
internal static class SummaryOps
{
    public static void Register(Action<OpDef> add)
    {
        // ScalarSummary / HistogramSummary(values): a summary record of the values under `tag`.  Not differentiable.
        foreach (string type in new[] { "ScalarSummary", "HistogramSummary" })
        {
            add(new OpDef(type, (op, s) => [Shape.Scalar], ctx =>
            {
                string tag = SummaryAttrs.Of(ctx.Op).Tag;
                bool histogram = type == "HistogramSummary";
                if (!histogram && NDArray.ShapeSize(ctx.InShapes[0]) != 1)
                    throw ctx.Error($"tf.summary.scalar('{tag}') needs a single value, got shape {Shape.Format(ctx.InShapes[0])}");
                int xi = ctx.In[0], yi = ctx.Out[0];
                return Kernel.From(v => v[yi] = NDArray.Summary([new SummaryRecord(tag, histogram, v[xi]!.ToDoubleArray())]));
            }, null)
            { NotDifferentiable = true });
        }

        // MergeSummary(summaries...): all their records, in input order.
        add(new OpDef("MergeSummary", (op, s) => [Shape.Scalar], ctx =>
        {
            int[] inputs = ctx.In;
            int yi = ctx.Out[0];
            return Kernel.From(v => v[yi] = NDArray.Summary(inputs.SelectMany(i => v[i]!.SummaryRecords ?? []).ToList()));
        }, null)
        { NotDifferentiable = true });
    }

    /// <summary>A summary op's tag, with the name scope (TensorFlow passes the tag as an input tensor).</summary>
    internal readonly record struct SummaryAttrs(string Tag) : IOpAttrs
    {
        public static SummaryAttrs Of(Operation op) => new(op.Attr<string>("tag"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["tag"] = Tag;
    }

    public static Tensor Summary(string type, string tag, Tensor values)
    {
        Graph g = values.Graph;
        var attrs = new SummaryAttrs(g.CurrentNameScope.Length > 0 ? g.CurrentNameScope + "/" + tag : tag);
        Tensor t = g.CreateOp(type, [values], [DType.Float64], tag.Replace(':', '_'), attrs.ToAttrs()).Outputs[0];
        g.add_to_collection(GraphKeys.SUMMARIES, t);
        return t;
    }

    public static Tensor Merge(IReadOnlyList<Tensor> summaries, string? name = null)
    {
        if (summaries.Count == 0) throw new ArgumentException("merge_all: the graph has no summaries (add some with tf.summary.scalar or tf.summary.histogram)");
        return summaries[0].Graph.CreateOp("MergeSummary", summaries.ToArray(), [DType.Float64], name ?? "Merge/MergeSummary").Outputs[0];
    }
}
