// Fashion-MNIST (Zalando Research): 60000 training and 10000 test images, 28x28 grey levels, labels 0..9.
// Default location: Debian's package dataset-fashion-mnist installs the four .gz files in
// /usr/share/datasets/fashion-mnist ('apt-get install dataset-fashion-mnist').
namespace TfLessons.IO;

/// <summary>Fashion-MNIST loaded from its IDX files.</summary>
public sealed class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "TFLESSONS_FASHION_MNIST";

    /// <summary>Label names, in label order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    private FashionMnist(
        string directory,
        IdxData trainImages,
        IdxData trainLabels,
        IdxData testImages,
        IdxData testLabels
    )
    {
        Directory = directory;
        Rows = trainImages.Dimensions[1];
        Columns = trainImages.Dimensions[2];
        TrainImages = trainImages.Data;
        TrainLabels = trainLabels.Data;
        TestImages = testImages.Data;
        TestLabels = testLabels.Data;
        TrainCount = trainImages.Count;
        TestCount = testImages.Count;
    }

    public string Directory { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int TrainCount { get; }

    public int TestCount { get; }

    /// <summary>(TrainCount, Rows, Columns) row-major grey levels 0..255.</summary>
    public byte[] TrainImages { get; }

    public byte[] TrainLabels { get; }

    /// <summary>(TestCount, Rows, Columns) row-major.</summary>
    public byte[] TestImages { get; }

    public byte[] TestLabels { get; }

    /// <summary>Directories searched by <see cref="Load(string?)"/> without an argument, in order.</summary>
    public static IEnumerable<string> SearchDirectories()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            yield return env;
        }

        yield return DebianDirectory;
        string? shared = SharedData.TryFindRoot();
        if (shared is not null)
        {
            yield return Path.Combine(shared, "fashion-mnist");
        }
    }

    /// <summary>The first searched directory that holds the training images, or null.</summary>
    public static string? FindDirectory() =>
        SearchDirectories().FirstOrDefault(d => FindFile(d, "train-images-idx3-ubyte") is not null);

    /// <summary>
    /// Loads the four files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
    /// t10k-labels-idx1-ubyte, each raw or .gz) from <paramref name="directory"/>, or from the default search.
    /// </summary>
    public static FashionMnist Load(string? directory = null)
    {
        string dir = directory ?? FindDirectory() ?? throw new DirectoryNotFoundException(
            $"Fashion-MNIST not found in: {string.Join(", ", SearchDirectories())}. " +
            $"Install it with 'apt-get install dataset-fashion-mnist' or set {EnvironmentVariable}.");

        string trainImagesPath = Require(dir, "train-images-idx3-ubyte"),
            trainLabelsPath = Require(dir, "train-labels-idx1-ubyte");
        string testImagesPath = Require(dir, "t10k-images-idx3-ubyte"),
            testLabelsPath = Require(dir, "t10k-labels-idx1-ubyte");
        IdxData trainImages = IdxFile.ReadImages(trainImagesPath);
        IdxData trainLabels = IdxFile.ReadLabels(trainLabelsPath);
        IdxData testImages = IdxFile.ReadImages(testImagesPath);
        IdxData testLabels = IdxFile.ReadLabels(testLabelsPath);

        CheckPair(trainImages, trainLabels, trainImagesPath, trainLabelsPath);
        CheckPair(testImages, testLabels, testImagesPath, testLabelsPath);
        if (
            trainImages.Dimensions[1] != testImages.Dimensions[1]
            || trainImages.Dimensions[2] != testImages.Dimensions[2]
        )
        {
            throw new IdxFormatException(
                $"Train images are {trainImages.Dimensions[1]}x{trainImages.Dimensions[2]} but test images are " +
                $"{testImages.Dimensions[1]}x{testImages.Dimensions[2]} in '{dir}'.");
        }

        return new FashionMnist(Path.GetFullPath(dir), trainImages, trainLabels, testImages, testLabels);
    }

    private static void CheckPair(IdxData images, IdxData labels, string imagesPath, string labelsPath)
    {
        if (images.Dimensions.Length != 3)
        {
            throw new IdxFormatException(
                $"'{imagesPath}': images should have 3 dimensions, not {images.Dimensions.Length}."
            );
        }

        if (images.Count != labels.Count)
        {
            throw new IdxFormatException(
                $"'{imagesPath}' has {images.Count} images but '{labelsPath}' has {labels.Count} labels."
            );
        }

        for (int i = 0; i < labels.Data.Length; i++)
        {
            if (labels.Data[i] > 9)
            {
                throw new IdxFormatException($"'{labelsPath}': label {i} is {labels.Data[i]}, outside 0..9.");
            }
        }
    }

    private static string Require(string dir, string baseName) =>
        FindFile(dir, baseName) ?? throw new FileNotFoundException(
            $"Fashion-MNIST file '{baseName}' (or '{baseName}.gz') not found in '{Path.GetFullPath(dir)}'.");

    private static string? FindFile(string dir, string baseName)
    {
        foreach (string name in new[] { baseName, baseName + ".gz" })
        {
            string p = Path.Combine(dir, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}
