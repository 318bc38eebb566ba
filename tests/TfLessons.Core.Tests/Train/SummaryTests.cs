using TfLessons.IO.Events;

namespace TfLessons.Tests.Train;

public class SummaryTests
{
    [Fact]
    public void Scalars_and_histograms_are_written_and_read_back_record_by_record()
    {
        using var dir = new TempDir();
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new Shape(-1));
        tf.summary.scalar("mean", tf.reduce_mean(x));
        tf.summary.histogram("values", x);
        var merged = tf.summary.merge_all();
        using var s = tf.Session();
        string file;
        using (var writer = tf.summary.FileWriter(dir.Path))
        {
            for (int step = 0; step < 3; step++)
                writer.add_summary(s.run(merged, (x, np.array(1f * step, 2f * step, 3f))), step);
            writer.add_scalar("accuracy", 0.75, 3);
            file = writer.FilePath;
        }
        Assert.Matches(@"events\.out\.tfevents\.\d+\..+", Path.GetFileName(file));
        var events = EventFileReader.Read(file).ToList();
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var means = events
            .SelectMany(e => e.Values.Where(v => v.Tag == "mean").Select(v => (e.Step, v.Scalar)))
            .ToList();
        Assert.Equal([(0L, (double?)1.0), (1L, 2.0), (2L, 3.0)], means);
        Assert.Equal(3, events.Sum(e => e.Values.Count(v => v.Tag == "values" && v.Histogram is not null)));
        Assert.Contains(events, e => e.Step == 3 && e.Values.Any(v => v.Tag == "accuracy" && v.Scalar == 0.75));
    }

    [Fact]
    public void Adding_a_plain_array_as_a_summary_is_a_clear_error()
    {
        using var dir = new TempDir();
        using var writer = tf.summary.FileWriter(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => writer.add_summary(np.array(1.0), 0));
        Assert.Contains("is not a summary", e.Message);
    }
}
