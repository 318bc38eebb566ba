using TfLessons.IO;

namespace TfLessons;

/// <summary>
/// TensorFlow.NET's MNIST loader: the four IDX files (raw or .gz) from <see cref="ModelLoadSetting.TrainDir"/>,
/// downloaded there first when missing. Fashion-MNIST's files have the same names and format.
/// </summary>
public sealed class MnistModelLoader
{
    public const string DefaultSourceUrl = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    private static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public static Task<Datasets<MnistDataSet>> LoadAsync(string trainDir, bool oneHot = false, int? trainSize = null,
        int? validationSize = null, int? testSize = null, bool showProgressInConsole = false)
    {
        var setting = new ModelLoadSetting
        {
            TrainDir = trainDir,
            OneHot = oneHot,
            ShowProgressInConsole = showProgressInConsole,
        };
        if (trainSize.HasValue)
            setting.TrainSize = trainSize.Value;
        if (validationSize.HasValue)
            setting.ValidationSize = validationSize.Value;
        if (testSize.HasValue)
            setting.TestSize = testSize.Value;
        return new MnistModelLoader().LoadAsync(setting);
    }

    public async Task<Datasets<MnistDataSet>> LoadAsync(ModelLoadSetting setting)
    {
        if (setting.TrainSize.HasValue && setting.ValidationSize >= setting.TrainSize.Value)
            throw new ArgumentException("Validation set should be smaller than training set");
        await EnsureFilesAsync(setting).ConfigureAwait(false);
        FashionMnist files = FashionMnist.Load(setting.TrainDir);
        if (setting.ShowProgressInConsole)
            Console.WriteLine(
                $"MNIST: {files.TrainCount} training and {files.TestCount} test images from {files.Directory}"
            );

        int trainCount = Math.Min(files.TrainCount, setting.TrainSize ?? int.MaxValue);
        int testCount = Math.Min(files.TestCount, setting.TestSize ?? int.MaxValue);
        int validation = setting.ValidationSize;
        if (validation < 0 || validation >= trainCount)
            throw new ArgumentException(
                $"MNIST: ValidationSize {validation} must be in 0..{trainCount - 1} (the training images read)"
            );

        NDArray trainImages = Images(files.TrainImages, trainCount, files),
            testImages = Images(files.TestImages, testCount, files);
        NDArray trainLabels = Labels(files.TrainLabels, trainCount, setting.OneHot),
            testLabels = Labels(files.TestLabels, testCount, setting.OneHot);
        return new Datasets<MnistDataSet>(
            new MnistDataSet(trainImages[validation..], trainLabels[validation..], setting.DataType, setting.ReShape),
            new MnistDataSet(trainImages[..validation], trainLabels[..validation], setting.DataType, setting.ReShape),
            new MnistDataSet(testImages, testLabels, setting.DataType, setting.ReShape));
    }

    private static NDArray Images(byte[] pixels, int count, FashionMnist files) =>
        np.array(pixels.AsSpan(0, count * files.Rows * files.Columns).ToArray(), count, files.Rows, files.Columns, 1);

    private static NDArray Labels(byte[] labels, int count, bool oneHot)
    {
        if (!oneHot) return np.array(labels.AsSpan(0, count).ToArray());
        var rows = new NDArray(DType.Float64, [count, 10]);
        for (int i = 0; i < count; i++)
        {
            if (labels[i] > 9)
                throw new IdxFormatException($"MNIST: label {labels[i]} at position {i} is not a digit 0-9");
            rows.SetDouble(i * 10 + labels[i], 1.0);
        }
        return rows;
    }

    // TensorFlow.NET downloads what is missing; a failed download says where the files must go instead.
    private static async Task EnsureFilesAsync(ModelLoadSetting setting)
    {
        string dir = setting.TrainDir;
        string[] missing = FileNames
            .Where(f => !File.Exists(Path.Combine(dir, f)) && !File.Exists(Path.Combine(dir, f + ".gz")))
            .ToArray();
        if (missing.Length == 0)
            return;
        string source = string.IsNullOrEmpty(setting.SourceUrl) ? DefaultSourceUrl : setting.SourceUrl;
        Directory.CreateDirectory(dir);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (string name in missing)
        {
            string url = source + name + ".gz", target = Path.Combine(dir, name + ".gz");
            if (setting.ShowProgressInConsole) Console.WriteLine($"MNIST: downloading {url}");
            try
            {
                byte[] bytes = await http.GetByteArrayAsync(url).ConfigureAwait(false);
                string partial = target + $".{Environment.ProcessId}.partial";
                await File.WriteAllBytesAsync(partial, bytes).ConfigureAwait(false);
                File.Move(partial, target, overwrite: true);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                throw new FileNotFoundException(
                    $"MNIST: '{Path.GetFullPath(dir)}' has no {name}(.gz) and downloading {url} failed ({e.Message}). "
                        + "Put the four IDX files there (Fashion-MNIST's, from 'apt-get "
                        + "install dataset-fashion-mnist', have the same format).",
                    target,
                    e
                );
            }
        }
    }
}
