using System.Net;

namespace TfLessons.IO.Events;

/// <summary>
/// Writes a TensorBoard event file the way TF1's <c>tf.summary.FileWriter</c> does:
/// <c>&lt;logdir&gt;/events.out.tfevents.&lt;10-digit unix seconds&gt;.&lt;hostname&gt;&lt;suffix&gt;</c>, starting
/// with a
/// <c>file_version: "brain.Event:2"</c> record, then one record per call.
/// </summary>
/// <remarks>
/// Every record is written with a single write and flushed to the operating system at once, so a crash of
/// the process loses at most the record being written; a reader sees a truncated tail at worst.
/// <see cref="Dispose"/> also flushes to disk. Methods are thread-safe.
/// </remarks>
public sealed class EventFileWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _stream;
    private readonly TfRecordWriter _records;
    private readonly TimeProvider _clock;
    private bool _disposed;

    /// <summary>Creates the log directory if needed and starts a new event file in it.</summary>
    /// <param name="logdir">Run directory TensorBoard will watch.</param>
    /// <param name="filenameSuffix">Appended verbatim after the hostname (TF2 uses e.g. <c>.v2</c>).</param>
    /// <param name="timeProvider">Clock for wall times and the file name; defaults to the system clock.</param>
    public EventFileWriter(string logdir, string? filenameSuffix = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logdir);
        _clock = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(logdir);
        long seconds = _clock.GetUtcNow().ToUnixTimeSeconds();
        string baseName = $"events.out.tfevents.{seconds:D10}.{Dns.GetHostName()}{filenameSuffix}";
        // Two writers started in the same second would collide; TensorBoard reads any name containing
        // "tfevents", so a numeric tail keeps both files visible instead of truncating the first.
        for (int attempt = 0; ; attempt++)
        {
            string candidate = Path.Combine(logdir, attempt == 0 ? baseName : $"{baseName}.{attempt}");
            try
            {
                _stream = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                FilePath = candidate;
                break;
            }
            catch (IOException) when (File.Exists(candidate) && attempt < 1000)
            {
            }
        }
        _records = new TfRecordWriter(_stream);
        // The first record carries whole seconds, as EventsWriter::InitIfNeeded does.
        WriteEvent(
            new TfEvent
            {
                WallTime = seconds,
                Kind = EventKind.FileVersion,
                FileVersion = EventCodec.CurrentFileVersion,
            }
        );
    }

    /// <summary>Full path of the event file being written.</summary>
    public string FilePath { get; }

    /// <summary>Writes a TF1-style scalar: <c>summary { value { tag, simple_value } }</c>.</summary>
    public void AddScalar(string tag, float value, long step) =>
        WriteEvent(new TfEvent
        {
            WallTime = Now(),
            Step = step,
            Kind = EventKind.Summary,
            Values = [new SummaryValue { Tag = tag, SimpleValue = value }],
        });

    /// <summary>Writes a histogram with TensorFlow's default buckets (see <see
    /// cref="HistogramValue.FromValues"/>).</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public void AddHistogram(string tag, ReadOnlySpan<double> values, long step) =>
        WriteEvent(new TfEvent
        {
            WallTime = Now(),
            Step = step,
            Kind = EventKind.Summary,
            Values = [new SummaryValue { Tag = tag, Histogram = HistogramValue.FromValues(values) }],
        });

    /// <summary>Writes any encodable event and flushes it.</summary>
    public void WriteEvent(TfEvent e)
    {
        byte[] payload = EventCodec.Encode(e);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _records.Write(payload);
            _records.Flush();
        }
    }

    /// <summary>Flushes written records to the operating system (each write already does this).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Flush();
        }
    }

    /// <summary>Flushes to disk and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _stream.Flush(flushToDisk: true);
            _records.Dispose();
        }
    }

    // time.time()-style fractional seconds, which is what TF1's Python FileWriter stores.
    private double Now() => (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
