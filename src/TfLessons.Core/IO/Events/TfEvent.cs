using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Events;

/// <summary>Which member of <c>Event</c>'s <c>what</c> oneof a record carries (event.proto field numbers).</summary>
public enum EventKind
{
    /// <summary>No payload: only wall time and step.</summary>
    None = 0,
    /// <summary><c>file_version</c> (field 3), the first record of every file.</summary>
    FileVersion = 3,
    /// <summary><c>graph_def</c> (field 4): skipped, not decoded.</summary>
    GraphDef = 4,
    /// <summary><c>summary</c> (field 5): scalars, histograms, tensors.</summary>
    Summary = 5,
    /// <summary><c>log_message</c> (field 6, deprecated): skipped.</summary>
    LogMessage = 6,
    /// <summary><c>session_log</c> (field 7): start / stop / checkpoint markers.</summary>
    SessionLog = 7,
    /// <summary><c>tagged_run_metadata</c> (field 8): skipped.</summary>
    TaggedRunMetadata = 8,
    /// <summary><c>meta_graph_def</c> (field 9): skipped.</summary>
    MetaGraphDef = 9,
}

/// <summary><c>SessionLog.status</c>.</summary>
public enum SessionStatus
{
    /// <summary>STATUS_UNSPECIFIED.</summary>
    Unspecified = 0,
    /// <summary>START: a (re)started training session; TensorBoard drops later-step events from the old run.</summary>
    Start = 1,
    /// <summary>STOP.</summary>
    Stop = 2,
    /// <summary>CHECKPOINT: a checkpoint was saved at this step.</summary>
    Checkpoint = 3,
}

/// <summary>A decoded <c>SessionLog</c> message.</summary>
/// <param name="Status">The status enum.</param>
/// <param name="CheckpointPath">Field 2, set for <see cref="SessionStatus.Checkpoint"/>.</param>
/// <param name="Message">Field 3, free text.</param>
public sealed record SessionLogEntry(SessionStatus Status, string? CheckpointPath = null, string? Message = null);

/// <summary>
/// A decoded TensorBoard <c>Event</c>. Only the parts TfLessons uses are decoded; large payloads
/// (graph_def, meta_graph_def, run metadata) are recognised by <see cref="Kind"/> and skipped.
/// </summary>
public sealed record TfEvent
{
    /// <summary>Seconds since the Unix epoch (field 1).</summary>
    public double WallTime { get; init; }

    /// <summary>Global step (field 2; absent on disk when 0).</summary>
    public long Step { get; init; }

    /// <summary>Which payload the event carries.</summary>
    public EventKind Kind { get; init; }

    /// <summary>The file version string, e.g. <c>brain.Event:2</c>, when <see cref="Kind"/> is FileVersion.</summary>
    public string? FileVersion { get; init; }

    /// <summary>Summary values when <see cref="Kind"/> is Summary; empty otherwise.</summary>
    public IReadOnlyList<SummaryValue> Values { get; init; } = [];

    /// <summary>The session log when <see cref="Kind"/> is SessionLog.</summary>
    public SessionLogEntry? SessionLog { get; init; }

    /// <summary><c>source_metadata.writer</c> (field 10, newer writers only).</summary>
    public string? SourceWriter { get; init; }
}

/// <summary>
/// One <c>Summary.Value</c>: a tag plus one of a simple scalar, a histogram or a tensor.
/// </summary>
public sealed record SummaryValue
{
    /// <summary>The tag, e.g. <c>loss</c> or <c>layer1/weights</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>TF1 scalar form (<c>simple_value</c>, field 2).</summary>
    public float? SimpleValue { get; init; }

    /// <summary>Histogram (<c>histo</c>, field 5).</summary>
    public HistogramValue? Histogram { get; init; }

    /// <summary>TF2 form (<c>tensor</c>, field 8).</summary>
    public SummaryTensor? Tensor { get; init; }

    /// <summary><c>metadata.plugin_data.plugin_name</c>, e.g. <c>scalars</c> in TF2 files.</summary>
    public string? PluginName { get; init; }

    /// <summary>The scalar this value represents in either the TF1 or the TF2 form, if any.</summary>
    public double? Scalar => SimpleValue ?? Tensor?.ScalarValue;
}

/// <summary>The parts of a <c>TensorProto</c> that TF2 scalar summaries use.</summary>
/// <param name="DType">Field 1.</param>
/// <param name="Shape">Field 2 (always written by TF, empty for a scalar).</param>
/// <param name="TensorContent">Field 4: raw little-endian bytes (may be empty).</param>
/// <param name="FloatVal">Field 5: values when not stored as content.</param>
/// <param name="DoubleVal">Field 6: values when not stored as content.</param>
public sealed record SummaryTensor(
    TfDataType DType,
    long[] Shape,
    byte[] TensorContent,
    float[] FloatVal,
    double[] DoubleVal
)
{
    /// <summary>
    /// The value of a one-element DT_FLOAT / DT_DOUBLE tensor, from <c>tensor_content</c> or the typed
    /// value list; null for anything else.
    /// </summary>
    public double? ScalarValue => !HasOneElement(Shape) ? null : DType switch
    {
        TfDataType.Float when TensorContent.Length == 4 => BitConverter.ToSingle(LittleEndian(TensorContent)),
        TfDataType.Float when TensorContent.Length == 0 && FloatVal.Length == 1 => FloatVal[0],
        TfDataType.Double when TensorContent.Length == 8 => BitConverter.ToDouble(LittleEndian(TensorContent)),
        TfDataType.Double when TensorContent.Length == 0 && DoubleVal.Length == 1 => DoubleVal[0],
        _ => null,
    };

    // Every dimension must be 1: a product computed in 64 bits could wrap to 1 for a huge shape.
    private static bool HasOneElement(long[] shape) => shape.All(d => d == 1);

    private static byte[] LittleEndian(byte[] bytes)
    {
        if (BitConverter.IsLittleEndian)
        {
            return bytes;
        }
        byte[] copy = (byte[])bytes.Clone();
        Array.Reverse(copy);
        return copy;
    }
}
