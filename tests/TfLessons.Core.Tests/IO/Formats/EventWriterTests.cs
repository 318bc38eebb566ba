using System.Net;
using TfLessons.IO.Events;

namespace TfLessons.IO.Tests;

public class EventWriterTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1567057356).AddMilliseconds(250);

    [Fact]
    public void FileNameAndFirstRecordMatchTensorFlow()
    {
        using var tmp = new TempDir();
        using var writer = new EventFileWriter(tmp.File("run1"), timeProvider: new FixedClock(Start));

        Assert.Equal(tmp.File("run1", $"events.out.tfevents.1567057356.{Dns.GetHostName()}"), writer.FilePath);
        // Same whole-second wall time as the TF 1.14 fixture, so the first record is byte-identical.
        byte[] fixture = File.ReadAllBytes(
            SharedData.Fixture("events-tf1.14-estimator-scalars", "events.out.tfevents.1567057356.leimao-evolvx")
        );
        Assert.Equal(fixture[..40], ReadShared(writer.FilePath));
    }

    [Fact]
    public void SuffixIsAppendedAndSameSecondWritersDoNotCollide()
    {
        using var tmp = new TempDir();
        var clock = new FixedClock(Start);
        using var a = new EventFileWriter(tmp.Path, ".tflessons", clock);
        using var b = new EventFileWriter(tmp.Path, ".tflessons", clock);
        Assert.EndsWith(".tflessons", a.FilePath);
        Assert.EndsWith(".tflessons.1", b.FilePath);
        Assert.Contains("tfevents", Path.GetFileName(b.FilePath)); // TensorBoard's discovery rule
    }

    [Fact]
    public void EachRecordIsReadableAsSoonAsItIsWritten()
    {
        using var tmp = new TempDir();
        var clock = new FixedClock(Start);
        using var writer = new EventFileWriter(tmp.Path, timeProvider: clock);
        for (int step = 1; step <= 5; step++)
        {
            clock.Now = Start.AddSeconds(step);
            writer.AddScalar("loss", 1f / step, step);
            // Still open: every record must already be flushed and complete.
            List<TfEvent> events = EventFileReader.Read(writer.FilePath).ToList();
            Assert.Equal(step + 1, events.Count);
            TfEvent last = events[^1];
            Assert.Equal(step, last.Step);
            Assert.Equal((Start.AddSeconds(step) - DateTimeOffset.UnixEpoch).TotalSeconds, last.WallTime, 1e-6);
            Assert.Equal(1f / step, last.Values.Single().SimpleValue);
            Assert.Equal("loss", last.Values.Single().Tag);
        }
    }

    [Fact]
    public void WrittenFileReadsBackRecordByRecord()
    {
        using var tmp = new TempDir();
        string path;
        double[] weights = [-1.5, 0, 0, 0.25, 3e-13, 42, -7e5];
        using (var writer = new EventFileWriter(tmp.Path, timeProvider: new FixedClock(Start)))
        {
            writer.AddScalar("loss", 133.184296f, 1001);
            writer.AddScalar("accuracy", 0.5f, 0);
            writer.AddHistogram("layer1/weights", weights, 1001);
            writer.Flush();
            path = writer.FilePath;
        }

        using var reader = new TfRecordReader(File.OpenRead(path), path);
        List<TfRecord> records = reader.ReadAll().ToList();
        Assert.Equal(4, records.Count);
        TfEvent[] events = records.Select(r => EventCodec.Decode(r.Data)).ToArray();
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(1567057356.0, events[0].WallTime);
        Assert.Equal(
            (1001L, "loss", 133.184296f),
            (events[1].Step, events[1].Values[0].Tag, events[1].Values[0].SimpleValue!.Value)
        );
        Assert.Equal(0, events[2].Step);
        Assert.Equal(0.5f, events[2].Values[0].Scalar!.Value, 6);
        HistogramValue h = events[3].Values[0].Histogram!;
        HistogramValue expected = HistogramValue.FromValues(weights);
        Assert.Equal(expected.BucketLimits, h.BucketLimits);
        Assert.Equal(expected.Buckets, h.Buckets);
        Assert.Equal((-7e5, 42.0, 7.0), (h.Min, h.Max, h.Num));

        // Layout of a scalar record's payload: wall_time, step, summary{value{tag, simple_value}}.
        byte[] scalar = records[1].Data;
        Assert.Equal(
            [
                0x10,
                0xe9,
                0x07,
                0x2a,
                0x0d,
                0x0a,
                0x0b,
                0x0a,
                0x04,
                (byte)'l',
                (byte)'o',
                (byte)'s',
                (byte)'s',
                0x15,
                0x2e,
                0x2f,
                0x05,
                0x43,
            ],
            scalar[9..]
        );
        Assert.Equal(0x09, scalar[0]);
    }

    [Fact]
    public void CrashTruncatedFileLosesOnlyTheLastRecord()
    {
        using var tmp = new TempDir();
        string path;
        using (var writer = new EventFileWriter(tmp.Path, timeProvider: new FixedClock(Start)))
        {
            writer.AddScalar("a", 1f, 1);
            writer.AddScalar("a", 2f, 2);
            path = writer.FilePath;
        }
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<InvalidDataException>(() => EventFileReader.Read(path).ToList());
        Assert.Contains($"Event file '{path}': incomplete record at offset", e.Message);
        Assert.Equal(
            [1L],
            EventFileReader
                .Read(path, allowIncompleteTail: true)
                .Where(x => x.Kind == EventKind.Summary)
                .Select(x => x.Step)
        );
    }

    [Fact]
    public void NonFiniteHistogramValuesAreRejected()
    {
        using var tmp = new TempDir();
        using var writer = new EventFileWriter(tmp.Path);
        Assert.Throws<ArgumentException>(() => writer.AddHistogram("h", [1.0, double.NaN], 0));
        Assert.Throws<ArgumentException>(() => writer.AddHistogram("h", [double.PositiveInfinity], 0));
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.AddScalar("x", 1, 1));
    }

    private static byte[] ReadShared(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[s.Length];
        s.ReadExactly(buffer);
        return buffer;
    }
}
