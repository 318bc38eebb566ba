// The SIGNS data set as the course's tf_utils.load_dataset + convert_to_one_hot prepare it:
//   train_set_x_orig (m, 64, 64, 3) uint8, train_set_y_orig (m,) int64 -> reshaped to (1, m);
//   test_set_x / test_set_y likewise; classes = test file's list_classes;
//   X_flatten = X_orig.reshape(m, -1).T  -> (12288, m);  X = X_flatten / 255.  (float64 in numpy; fed to a float32
//   placeholder, i.e. rounded once to float32 -- done here as (float)(x / 255.0));
//   Y = convert_to_one_hot(Y_orig, 6) = np.eye(6)[Y.reshape(-1)].T  -> (6, m).
// (shared/docs/COURSE.md, "Week 3 - TensorFlow Tutorial".)
using TfLessons.IO;

namespace TfLessons.Course;

/// <summary>One split of SIGNS, in the course's (features, examples) layout.</summary>
public sealed class SignsSplit
{
    internal SignsSplit(byte[] images, int count, int height, int width, int channels, long[] labels, int classCount)
    {
        Images = images;
        Count = count;
        Height = height;
        Width = width;
        Channels = channels;
        Labels = labels;
        Features = height * width * channels;

        X = new float[(long)Features * count];
        for (int i = 0; i < count; i++)
        {
            int src = i * Features;
            for (int f = 0; f < Features; f++)
            {
                X[((long)f * count) + i] = (float)(images[src + f] / 255.0);
            }
        }

        Y = new float[(long)classCount * count];
        for (int i = 0; i < count; i++)
        {
            long label = labels[i];
            if (label < 0 || label >= classCount)
            {
                throw new InvalidDataException($"Label {label} of example {i} is outside 0..{classCount - 1}.");
            }

            Y[(label * count) + i] = 1f;
        }
    }

    /// <summary>Number of examples m.</summary>
    public int Count { get; }

    public int Height { get; }

    public int Width { get; }

    public int Channels { get; }

    /// <summary>Features per example (64*64*3 = 12288).</summary>
    public int Features { get; }

    /// <summary>Raw images, (m, height, width, channels) row-major, as stored in the file.</summary>
    public byte[] Images { get; }

    /// <summary>Raw labels (the file's *_set_y), length m.</summary>
    public long[] Labels { get; }

    /// <summary>X: (Features, m) row-major, pixel/255 — element [f, i] is at f * m + i.</summary>
    public float[] X { get; }

    /// <summary>Y: one-hot (classes, m) row-major — element [c, i] is at c * m + i.</summary>
    public float[] Y { get; }
}

/// <summary>The course's SIGNS hand-gesture data (train_signs.h5 / test_signs.h5).</summary>
public sealed class SignsDataset
{
    private SignsDataset(SignsSplit train, SignsSplit test, long[] classes)
    {
        Train = train;
        Test = test;
        Classes = classes;
    }

    public SignsSplit Train { get; }

    public SignsSplit Test { get; }

    /// <summary>list_classes of the test file ([0..5]).</summary>
    public long[] Classes { get; }

    /// <summary>Number of classes used for one-hot encoding (6).</summary>
    public int ClassCount => Classes.Length;

    /// <summary>Loads both files as tf_utils.load_dataset does, then flattens and one-hot encodes.</summary>
    public static SignsDataset Load(string trainPath, string testPath)
    {
        long[] classes;
        byte[] testImages;
        long[] testLabels;
        long[] testShape;
        using (Hdf5File test = Hdf5File.OpenRead(testPath))
        {
            classes = test.ReadInt64("list_classes").Data;
            (testImages, testShape, testLabels) = ReadSplit(test, "test_set_x", "test_set_y");
        }

        byte[] trainImages;
        long[] trainLabels;
        long[] trainShape;
        using (Hdf5File train = Hdf5File.OpenRead(trainPath))
        {
            (trainImages, trainShape, trainLabels) = ReadSplit(train, "train_set_x", "train_set_y");
        }

        if (!trainShape.AsSpan(1).SequenceEqual(testShape.AsSpan(1)))
        {
            throw new InvalidDataException(
                $"Train images ({string.Join("x", trainShape)}) and test "
                    + $"images ({string.Join("x", testShape)}) differ in size."
            );
        }

        int classCount = classes.Length;
        return new SignsDataset(
            Split(trainImages, trainShape, trainLabels, classCount),
            Split(testImages, testShape, testLabels, classCount),
            classes);
    }

    /// <summary>Loads shared/data/course/{trainFile, test_signs.h5}.</summary>
    public static SignsDataset LoadShared(
        string trainFile = "train_signs_approx_cs230jpeg.h5",
        string testFile = "test_signs.h5"
    ) => Load(SharedData.Path("course", trainFile), SharedData.Path("course", testFile));

    private static SignsSplit Split(byte[] images, long[] shape, long[] labels, int classCount) =>
        new(images, (int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3], labels, classCount);

    private static (byte[] Images, long[] Shape, long[] Labels) ReadSplit(Hdf5File file, string xName, string yName)
    {
        Hdf5DatasetInfo xInfo = file.GetInfo(xName);
        if (xInfo.Shape.Length != 4 || xInfo.ElementType != Hdf5ElementType.UInt8)
        {
            throw new InvalidDataException(
                $"'{xName}' in '{file.Path}' should be uint8 (m, height, width, channels); "
                    + $"it is {xInfo.ElementType} ({string.Join(", ", xInfo.Shape)})."
            );
        }

        Hdf5Array<byte> x = file.ReadUInt8(xName);
        Hdf5Array<long> y = file.ReadInt64(yName);
        if (y.Count != x.Shape[0])
        {
            throw new InvalidDataException(
                $"'{yName}' in '{file.Path}' has {y.Count} labels but '{xName}' has {x.Shape[0]} images.");
        }

        return (x.Data, x.Shape, y.Data);
    }
}
