namespace TfLessons;

/// <summary>One summary value: a scalar or the values of a histogram, under a tag.</summary>
public sealed record SummaryRecord(string Tag, bool Histogram, double[] Values);

public sealed partial class NDArray
{
    /// <summary>The summary records a summary op produced (null for ordinary arrays).</summary>
    public IReadOnlyList<SummaryRecord>? SummaryRecords { get; private set; }

    internal static NDArray Summary(List<SummaryRecord> records) =>
        new(DType.Float64, [], new double[1]) { SummaryRecords = records };
}
