using TfLessons.IO.Events;
using TfLessons.Ops;

namespace TfLessons;

public static partial class tf
{
    /// <summary>TensorFlow 1's <c>tf.summary</c>: scalar and histogram summaries, merging, and the event-file
    /// writer.</summary>
    public static class summary
    {
        public static Tensor scalar(string name, Tensor tensor) => SummaryOps.Summary("ScalarSummary", name, tensor);

        public static Tensor histogram(string name, Tensor values) =>
            SummaryOps.Summary("HistogramSummary", name, values);
        public static Tensor merge(IReadOnlyList<Tensor> inputs, string? name = null) => SummaryOps.Merge(inputs, name);

        public static Tensor merge_all() =>
            SummaryOps.Merge(TfLessons.Graph.Default.get_collection<Tensor>(GraphKeys.SUMMARIES));

        public static FileWriter FileWriter(string logdir, Graph? graph = null) => new(logdir);
    }
}

/// <summary>
/// Writes TensorBoard event files (<c>events.out.tfevents.TIME.HOST</c>): TFRecord framing with masked CRC32C, each
/// record flushed as written so a crash loses at most the record being written.
/// </summary>
public sealed class FileWriter : IDisposable
{
    private readonly EventFileWriter _writer;

    public FileWriter(string logdir)
    {
        Directory.CreateDirectory(logdir);
        _writer = new EventFileWriter(logdir);
    }

    public string FilePath => _writer.FilePath;

    /// <summary>Writes the records of a summary fetched from a session (a tf.summary op or merge_all).</summary>
    public void add_summary(NDArray summary, long global_step = 0)
    {
        IReadOnlyList<SummaryRecord> records = summary.SummaryRecords
            ?? throw new ArgumentException(
                $"add_summary: the value (shape {summary.Shape}, {summary.DType.Name()}) "
                    + $"is not a summary; fetch a tf.summary.* or merge_all() tensor"
            );
        foreach (SummaryRecord r in records)
        {
            if (r.Histogram) _writer.AddHistogram(r.Tag, r.Values, global_step);
            else _writer.AddScalar(r.Tag, (float)r.Values[0], global_step);
        }
    }

    /// <summary>Writes one scalar directly (for values computed outside the graph).</summary>
    public void add_scalar(string tag, double value, long step) => _writer.AddScalar(tag, (float)value, step);

    public void flush() => _writer.Flush();
    public void close() => _writer.Dispose();
    public void Dispose() => _writer.Dispose();
}
