using System.Text;
using TfLessons.IO;
using TfNetPrograms;
using Xunit;

namespace TfLessons.TfNet.Tests;

/// <summary>TensorFlow.NET's MNIST loader, its batch helpers, and the conversions its example programs lean
/// on.</summary>
public class LoaderAndConversionTests
{
    private static string DataDir => FashionMnist.FindDirectory() ?? throw new InvalidOperationException(
        "Fashion-MNIST is not installed (scripts/test.sh installs dataset-fashion-mnist)");

    [Fact]
    public async Task The_loader_splits_flattens_scales_and_one_hot_encodes()
    {
        var mnist = await MnistModelLoader.LoadAsync(
            DataDir,
            oneHot: true,
            trainSize: 3000,
            validationSize: 500,
            testSize: 200
        );
        Assert.Equal(2500, mnist.Train.NumOfExamples);
        Assert.Equal(new[] { 2500, 784 }, mnist.Train.Data.Dims);
        Assert.Equal(new[] { 500, 10 }, mnist.Validation.Labels.Dims);
        Assert.Equal(new[] { 200, 784 }, mnist.Test.Data.Dims);
        Assert.Equal(DType.Float32, mnist.Train.Data.dtype);
        Assert.Equal(DType.Float32, mnist.Train.Labels.dtype);
        float[] pixels = mnist.Train.Data.Data<float>();
        Assert.InRange(pixels.Min(), 0f, 0f);
        Assert.InRange(pixels.Max(), 1f, 1f);
        Assert.All(np.sum(mnist.Test.Labels, axis: 1).Data<float>(), s => Assert.Equal(1f, s));

        // The validation split is the first 500 training images, as TensorFlow.NET's loader takes them.
        FashionMnist raw = FashionMnist.Load(DataDir);
        Assert.Equal(raw.TrainImages[100] / 255f, mnist.Validation.Data.Data<float>()[100], 6);
        Assert.Equal(raw.TrainImages[500 * 784 + 7] / 255f, mnist.Train.Data.Data<float>()[7], 6);
        Assert.Equal(raw.TrainLabels[3], (int)np.argmax(mnist.Validation.Labels[3]));
    }

    [Fact]
    public async Task Without_one_hot_the_labels_are_class_indices()
    {
        var mnist = await MnistModelLoader.LoadAsync(DataDir, trainSize: 1200, validationSize: 200, testSize: 50);
        Assert.Equal(new[] { 50 }, mnist.Test.Labels.Dims);
        Assert.Equal(
            FashionMnist.Load(DataDir).TestLabels[..50].Select(b => (float)b),
            mnist.Test.Labels.Data<float>()
        );
    }

    [Fact]
    public async Task Next_batch_crosses_epochs_with_the_rest_of_the_old_one_first()
    {
        var mnist = await MnistModelLoader.LoadAsync(
            DataDir,
            oneHot: true,
            trainSize: 1250,
            validationSize: 1000,
            testSize: 10
        );
        MnistDataSet train = mnist.Train;
        np.random.seed(0);
        for (int i = 0; i < 2; i++) Assert.Equal(100, train.GetNextBatch(100).Item1.shape[0]);
        Assert.Equal(0, train.EpochsCompleted);
        var (images, labels) = train.GetNextBatch(100);
        Assert.Equal(new[] { 100, 784 }, images.Dims);
        Assert.Equal(new[] { 100, 10 }, labels.Dims);
        Assert.Equal(1, train.EpochsCompleted);
        Assert.Equal(50, train.IndexInEpoch);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => train.GetNextBatch(251));
        Assert.Contains("1..250", error.Message);
    }

    [Fact]
    public void Randomize_permutes_rows_of_both_arrays_together()
    {
        var datasets = new Datasets<MnistDataSet>(null!, null!, null!);
        var x = np.arange(10).reshape(5, 2);
        var y = np.arange(5);
        np.random.seed(3);
        var (xs, ys) = datasets.Randomize(x, y);
        for (int i = 0; i < 5; i++) Assert.Equal((int)ys[i] * 2, (int)xs[i, 0]);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ys.Data<int>().Order());
        var (bx, by) = datasets.GetNextBatch(x, y, 1, 3);
        Assert.Equal(new[] { 2, 2 }, bx.Dims);
        Assert.Equal(new[] { 1, 2 }, by.Data<int>());
    }

    [Fact]
    public async Task A_missing_data_directory_names_the_directory_the_file_and_the_url()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tfl-no-mnist-" + Guid.NewGuid().ToString("N"));
        var setting = new ModelLoadSetting { TrainDir = dir, SourceUrl = "http://127.0.0.1:9/" };
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new MnistModelLoader().LoadAsync(setting));
        Assert.Contains(Path.GetFullPath(dir), error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("http://127.0.0.1:9/train-images-idx3-ubyte.gz", error.Message);
        Assert.Empty(Directory.GetFiles(dir));
        Directory.Delete(dir);
    }

    [Fact]
    public async Task A_validation_split_as_large_as_the_training_set_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            MnistModelLoader.LoadAsync(DataDir, trainSize: 100, validationSize: 100)
        );
        Assert.Equal("Validation set should be smaller than training set", error.Message);
    }

    [Fact]
    public void A_fetched_string_converts_to_its_utf8_bytes_and_text()
    {
        tf.reset_default_graph();
        using var sess = tf.Session();
        NDArray result = sess.run(tf.constant("Grüße, TensorFlow.NET!"));
        Assert.Equal("Grüße, TensorFlow.NET!", Encoding.UTF8.GetString((byte[])result));
        Assert.Equal("Grüße, TensorFlow.NET!", (string)result);
        Assert.Equal(new byte[] { 1, 2 }, (byte[])np.array(new byte[] { 1, 2 }));
        var error = Assert.Throws<InvalidCastException>(() => (byte[])np.array(1.5f, 2f));
        Assert.Contains("float32", error.Message);
    }

    [Fact]
    public void Data_converts_with_numpy_casting_and_dtype_names_keep_one_spelling()
    {
        Assert.Equal(new[] { 1, 2, -3 }, np.array(1.7f, 2.2f, -3.9f).Data<int>());
        Assert.Equal(new[] { 1.5, 2.0 }, np.array(1.5f, 2f).Data<double>());
        Assert.Equal(DType.Float32, TF_DataType.TF_FLOAT);
        Assert.Equal(DType.Int64, TF_DataType.TF_INT64);
        Assert.Equal("Float32", TF_DataType.TF_FLOAT.ToString());
        Assert.Equal(DType.Int32, np.array<int>(1, 2, 3).dtype);
    }

    [Fact]
    public void Unique_and_meshgrid_match_numpy()
    {
        Assert.Equal(new[] { -1.0, 0.5, 2.0 }, np.unique(np.array(2.0, -1.0, 0.5, 2.0, -1.0)).Data<double>());
        var withNan = np.unique(np.array(double.NaN, 1.0, double.NaN)).Data<double>();
        Assert.Equal(2, withNan.Length);
        Assert.True(double.IsNaN(withNan[1]));
        var (xx, yy) = np.meshgrid(np.array(1, 2, 3), np.array(10f, 20f));
        Assert.Equal(new[] { 2, 3 }, xx.Dims);
        Assert.Equal(DType.Int32, xx.dtype);
        Assert.Equal(DType.Float32, yy.dtype);
        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3 }, xx.Data<int>());
        Assert.Equal(new[] { 10f, 10f, 10f, 20f, 20f, 20f }, yy.Data<float>());
    }

    [Fact]
    public void Load_reads_npy_into_a_dotnet_array_of_the_asked_rank()
    {
        string path = Path.Combine(Path.GetTempPath(), "tfl-load-" + Guid.NewGuid().ToString("N") + ".npy");
        try
        {
            np.save(path, np.array(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
            double[,] values = np.Load<double[,]>(path);
            Assert.Equal(6.0, values[1, 2]);
            float[,] floats = np.Load<float[,]>(path);
            Assert.Equal(2f, floats[0, 1]);
            var error = Assert.Throws<ArgumentException>(() => np.Load<double[]>(path));
            Assert.Contains("(2, 3)", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Argsort_sorts_each_last_axis_run_with_nans_last_and_ties_in_order()
    {
        Assert.Equal(new long[] { 1, 3, 0, 2 }, np.argsort(np.array(3f, -1f, float.NaN, 0.5f)).Data<long>());
        Assert.Equal(
            new long[] { 0, 2, 1, 1, 0, 2 },
            np.argsort(
                    np.array(
                        new float[,]
                        {
                            { 1, 5, 2 },
                            { 4, 0, 4 },
                        }
                    )
                )
                .Data<long>()
        );
        Assert.Equal(new[] { 2, 0, 1 }, (0f - np.array(0.2f, 0.1f, 0.9f)).argsort<float>().Data<int>());
        var zeros = np.ndarray(new Shape(2, 3), dtype: np.int32);
        Assert.Equal(DType.Int32, zeros.dtype);
        Assert.Equal(new int[6], zeros.Data<int>());
    }

    [Fact]
    public void Embedding_lookup_gathers_rows_and_its_gradient_scatters_back()
    {
        tf.reset_default_graph();
        var table = tf.Variable(np.array(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }));
        var rows = tf.nn.embedding_lookup(table, tf.constant(np.array(2, 0, 2)));
        var grad = tf.gradients(tf.reduce_sum(rows), [table])[0]!;
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        Assert.Equal(new float[] { 5, 6, 1, 2, 5, 6 }, sess.run(rows).Data<float>());
        Assert.Equal(new float[] { 1, 1, 0, 0, 2, 2 }, sess.run(tf.convert_to_tensor(grad)).Data<float>());
    }
}
