namespace TfLessons.IO.Events;

/// <summary>Reads a TensorBoard event file record by record, verifying every TFRecord checksum.</summary>
public static class EventFileReader
{
    /// <summary>Reads all events of a file, with the byte offset of each record.</summary>
    /// <param name="path">The event file.</param>
    /// <param name="allowIncompleteTail">
    /// Stop quietly at a truncated final record (a file still being written, or left by a crash)
    /// instead of throwing "incomplete record at offset N".
    /// </param>
    /// <exception cref="InvalidDataException">Checksum mismatch or malformed event (names file and offset).</exception>
    public static IEnumerable<(long Offset, TfEvent Event)> ReadWithOffsets(
        string path,
        bool allowIncompleteTail = false
    )
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new TfRecordReader(stream, $"Event file '{path}'", allowIncompleteTail);
        foreach (TfRecord record in reader.ReadAll())
        {
            yield return (
                record.Offset,
                EventCodec.Decode(record.Data, $"Event file '{path}', record at offset {record.Offset}")
            );
        }
    }

    /// <summary>Reads all events of a file in order.</summary>
    /// <inheritdoc cref="ReadWithOffsets" path="/param"/>
    public static IEnumerable<TfEvent> Read(string path, bool allowIncompleteTail = false) =>
        ReadWithOffsets(path, allowIncompleteTail).Select(r => r.Event);
}
