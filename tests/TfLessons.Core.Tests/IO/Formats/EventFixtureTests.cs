using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;

namespace TfLessons.IO.Tests;

/// <summary>The three real event files decode fully, and the writer's encoding rebuilds their records.</summary>
public class EventFixtureTests
{
    private static readonly string Tf114 = SharedData.Fixture(
        "events-tf1.14-estimator-scalars",
        "events.out.tfevents.1567057356.leimao-evolvx"
    );
    private static readonly string Tf11 = SharedData.Fixture(
        "events-tf1.1-histograms",
        "events.out.tfevents.1494075549.Morvan"
    );
    private static readonly string Tf2 = SharedData.Fixture(
        "events-tf2-keras-tensor-scalars",
        "events.out.tfevents.1690483610.e-bnbobg-5l77j-0.61366.3.v2"
    );

    [Fact]
    public void Tf114EstimatorFileMatchesReadme()
    {
        var events = EventFileReader.ReadWithOffsets(Tf114).ToList();
        Assert.Equal(27, events.Count);
        Assert.Equal([0L, 40, 27436, 61658, 116705, 180436, 180486, 180518], events.Take(8).Select(e => e.Offset));
        Assert.Equal(181434, events[26].Offset);

        TfEvent first = events[0].Event;
        Assert.Equal(EventKind.FileVersion, first.Kind);
        Assert.Equal("brain.Event:2", first.FileVersion);
        Assert.Equal(1567057356.0, first.WallTime);
        Assert.Equal([EventKind.GraphDef, EventKind.MetaGraphDef, EventKind.GraphDef, EventKind.MetaGraphDef],
            events.Skip(1).Take(4).Select(e => e.Event.Kind));
        Assert.Equal(new SessionLogEntry(SessionStatus.Checkpoint, "model/model.ckpt"), events[5].Event.SessionLog);
        Assert.Equal(1000, events[5].Event.Step);
        Assert.Equal(new SessionLogEntry(SessionStatus.Start), events[6].Event.SessionLog);
        Assert.Equal(1001, events[6].Event.Step);
        Assert.Equal(2000, events[26].Event.Step);

        var scalars = events.Select(e => e.Event).Where(e => e.Kind == EventKind.Summary)
            .SelectMany(e => e.Values.Select(v => (e.Step, v.Tag, Value: (float)v.Scalar!.Value))).ToList();
        Assert.Equal(19, scalars.Count);
        float[] loss = [133.184296f, 25.0919914f, 3.88752270f, 0.500258684f, 0.0535538942f, 0.00474661170f,
            0.000344246917f, 2.00505074e-05f, 9.50252343e-07f, 8.27594704e-08f];
        float[] stepsPerSec = [381.643494f, 801.976318f, 847.394043f, 664.476807f, 471.254761f, 438.780640f,
            561.222046f, 766.919189f, 592.024475f];
        Assert.Equal(loss, scalars.Where(s => s.Tag == "loss").Select(s => s.Value));
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => 1001L + 100 * i),
            scalars.Where(s => s.Tag == "loss").Select(s => s.Step)
        );
        Assert.Equal(stepsPerSec, scalars.Where(s => s.Tag == "global_step/sec").Select(s => s.Value));
        Assert.All(events.Where(e => e.Event.Kind == EventKind.Summary), e =>
            Assert.NotNull(e.Event.Values.Single().SimpleValue)
        );
    }

    [Fact]
    public void Tf114ScalarRecordsAreRebuiltByteForByte()
    {
        byte[] file = File.ReadAllBytes(Tf114);
        int rebuilt = 0;
        foreach ((long offset, TfEvent decoded) in EventFileReader.ReadWithOffsets(Tf114))
        {
            if (decoded.Kind is EventKind.GraphDef or EventKind.MetaGraphDef)
            {
                continue;
            }
            // Re-create the event from its fields alone, as the writer would, then frame it.
            TfEvent fresh =
                decoded.Kind == EventKind.Summary
                    ? new TfEvent
                    {
                        WallTime = decoded.WallTime,
                        Step = decoded.Step,
                        Kind = EventKind.Summary,
                        Values =
                        [
                            new SummaryValue
                            {
                                Tag = decoded.Values[0].Tag,
                                SimpleValue = decoded.Values[0].SimpleValue,
                            },
                        ],
                    }
                    : decoded;
            byte[] record = TfRecordWriter.EncodeRecord(EventCodec.Encode(fresh));
            Assert.Equal(file.AsSpan((int)offset, record.Length).ToArray(), record);
            rebuilt++;
        }
        Assert.Equal(23, rebuilt); // file_version, 3 session logs, 19 scalars
    }

    [Fact]
    public void Tf11HistogramFileMatchesReadme()
    {
        List<TfEvent> events = EventFileReader.Read(Tf11).ToList();
        Assert.Equal(23, events.Count);
        Assert.Equal(1494075549.0, events[0].WallTime);
        Assert.Equal(EventKind.GraphDef, events[1].Kind);
        Assert.Equal(EventKind.MetaGraphDef, events[2].Kind);
        List<TfEvent> summaries = events.Skip(3).ToList();
        Assert.All(summaries, e => Assert.Equal(EventKind.Summary, e.Kind));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 50L * i), summaries.Select(e => e.Step));
        Assert.All(summaries, e => Assert.Equal(7, e.Values.Count));

        float[] loss = [0.260776788f, 0.0122271152f, 0.00789206009f, 0.00621280121f, 0.00522451894f, 0.00470885914f,
            0.00440461654f, 0.00424941722f, 0.00414741598f, 0.00407220889f, 0.00400409056f, 0.00394259114f,
            0.00388977537f, 0.00384514406f, 0.00380665180f, 0.00377148041f, 0.00373905455f, 0.00369837671f,
            0.00365989376f, 0.00362871657f];
        Assert.Equal(loss, summaries.Select(e => e.Values.Single(v => v.Tag == "loss/loss").SimpleValue!.Value));

        HistogramValue h = summaries[0].Values.Single(v => v.Tag == "layer1/biases/layer1/biases").Histogram!;
        Assert.Equal(0.0881631821, h.Min, 1e-9);
        Assert.Equal(0.111350909, h.Max, 1e-9);
        Assert.Equal(10.0, h.Num);
        Assert.Equal(0.999528281, h.Sum, 1e-9);
        Assert.Equal(0.100576375, h.SumSquares, 1e-9);
        double[] documented = [0.0846581711, 0.0931239882, 0.102436387, 0.112680026];
        Assert.All(documented.Zip(h.BucketLimits), p => Assert.Equal(p.First, p.Second, p.First * 1e-8));
        Assert.Equal(double.MaxValue, h.BucketLimits[^1]);
        Assert.Equal([0.0, 3, 4, 3, 0], h.Buckets);
    }

    [Fact]
    public void Tf11HistogramEdgesAreTensorFlowDefaultBuckets()
    {
        var defaults = new HashSet<double>(HistogramValue.DefaultBucketLimits);
        int histograms = 0;
        foreach (TfEvent e in EventFileReader.Read(Tf11))
        {
            foreach (SummaryValue v in e.Values.Where(v => v.Histogram is not null))
            {
                Assert.All(v.Histogram!.BucketLimits, limit => Assert.Contains(limit, defaults));
                Assert.Equal(v.Histogram.Num, v.Histogram.Buckets.Sum());
                histograms++;
            }
        }
        Assert.Equal(120, histograms);
    }

    [Fact]
    public void Tf2KerasTensorScalarsMatchReadme()
    {
        List<TfEvent> events = EventFileReader.Read(Tf2).ToList();
        Assert.Equal(41, events.Count);
        Assert.Equal("tensorflow.core.util.events_writer", events[0].SourceWriter);
        Assert.Equal(1690483610.0, events[0].WallTime);
        Assert.Equal("brain.Event:2", events[0].FileVersion);

        float[] loss = [0.142904118f, 0.104225025f, 0.0873296484f, 0.0850552544f, 0.0821523070f, 0.0778191313f,
            0.0755516142f, 0.0843082666f, 0.0776897222f, 0.0843327865f];
        float[] accuracy = [0.958916664f, 0.969250023f, 0.974083304f, 0.974666655f, 0.976333320f, 0.978416681f,
            0.978833318f, 0.975250006f, 0.979166687f, 0.977999985f];
        var values = events.Skip(1).Select(e => (e.Step, V: e.Values.Single())).ToList();
        Assert.All(values, v =>
        {
            Assert.Null(v.V.SimpleValue);
            Assert.Equal("scalars", v.V.PluginName);
            Assert.Equal(TfDataType.Float, v.V.Tensor!.DType);
            Assert.Empty(v.V.Tensor.Shape);
        });
        float[] Series(string tag) => values.Where(v => v.V.Tag == tag).Select(v => (float)v.V.Scalar!.Value).ToArray();
        long[] Steps(string tag) => values.Where(v => v.V.Tag == tag).Select(v => v.Step).ToArray();
        Assert.Equal(loss, Series("evaluation_loss_vs_iterations"));
        Assert.Equal(accuracy, Series("evaluation_accuracy_vs_iterations"));
        Assert.Equal(loss, Series("epoch_loss"));
        Assert.Equal(accuracy, Series("epoch_accuracy"));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => 1500L * i), Steps("evaluation_loss_vs_iterations"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Steps("epoch_accuracy"));
    }

    [Theory]
    [InlineData("tf1.1")]
    [InlineData("tf2")]
    public void DecodedRecordsReEncodeIdentically(string which)
    {
        string path = which == "tf2" ? Tf2 : Tf11;
        byte[] file = File.ReadAllBytes(path);
        int checkedRecords = 0;
        foreach ((long offset, TfEvent e) in EventFileReader.ReadWithOffsets(path))
        {
            if (e.Kind is EventKind.GraphDef or EventKind.MetaGraphDef)
            {
                continue;
            }
            byte[] record = TfRecordWriter.EncodeRecord(EventCodec.Encode(e));
            Assert.Equal(file.AsSpan((int)offset, record.Length).ToArray(), record);
            checkedRecords++;
        }
        Assert.Equal(which == "tf2" ? 41 : 21, checkedRecords);
    }
}
