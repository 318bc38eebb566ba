namespace TfLessons;

/// <summary>TensorFlow.NET's settings for <see cref="MnistModelLoader"/>.</summary>
public sealed class ModelLoadSetting
{
    public string TrainDir { get; set; } = ".resources/mnist";
    public bool OneHot { get; set; }
    /// <summary>The element type of images and labels: float (the default) or double.</summary>
    public Type DataType { get; set; } = typeof(float);
    public bool ReShape { get; set; }
    public int ValidationSize { get; set; } = 5000;
    public int? TrainSize { get; set; }
    public int? TestSize { get; set; }
    public string? SourceUrl { get; set; }
    public bool ShowProgressInConsole { get; set; }
}

/// <summary>A split of a data set: images and labels with the same first dimension.</summary>
public interface IDataSet
{
    NDArray Data { get; }
    NDArray Labels { get; }
}

/// <summary>The train, validation and test splits, with TensorFlow.NET's batch helpers.</summary>
public sealed class Datasets<TDataSet>(TDataSet train, TDataSet validation, TDataSet test) where TDataSet : IDataSet
{
    public TDataSet Train { get; } = train;
    public TDataSet Validation { get; } = validation;
    public TDataSet Test { get; } = test;

    /// <summary>The rows of x and y in one random order drawn from <c>np.random</c> (TensorFlow.NET's order of
    /// draws).</summary>
    public (NDArray, NDArray) Randomize(NDArray x, NDArray y)
    {
        NDArray perm = np.random.permutation(y.shape[0]);
        np.random.shuffle(perm);
        return (x[perm], y[perm]);
    }

    /// <summary>Rows [start, end) of x and y.</summary>
    public (NDArray, NDArray) GetNextBatch(NDArray x, NDArray y, int start, int end) => (x[start..end], y[start..end]);
}

/// <summary>
/// One MNIST split as TensorFlow.NET holds it: images flattened to rows of rows*cols pixels scaled to [0, 1], labels
/// as indices or one-hot rows, both of the setting's element type.
/// </summary>
public sealed class MnistDataSet : IDataSet
{
    public MnistDataSet(NDArray images, NDArray labels, Type dataType, bool reshape)
    {
        if (images.Rank < 3)
            throw new ArgumentException($"MnistDataSet: images must be (count, rows, cols[, 1]), not {images.Shape}");
        if (labels.shape[0] != images.shape[0])
            throw new ArgumentException($"MnistDataSet: {images.shape[0]} images but {labels.shape[0]} labels");
        DType dtype = DTypes.OfClr(dataType);
        if (!dtype.IsFloating())
            throw new ArgumentException($"MnistDataSet: DataType must be float or double, not {dataType.Name}");
        _ = reshape; // TensorFlow.NET flattens whatever this says; so does this.
        NumOfExamples = images.shape[0];
        Data = np.multiply(
                images.reshape(NumOfExamples, images.shape[1] * images.shape[2]).astype(dtype),
                1.0f / 255.0f
            )
            .astype(dtype);
        Labels = labels.astype(dtype);
    }

    public int NumOfExamples { get; }
    public int EpochsCompleted { get; private set; }
    public int IndexInEpoch { get; private set; }
    public NDArray Data { get; private set; }
    public NDArray Labels { get; private set; }

    /// <summary>
    /// The next <paramref name="batch_size"/> examples, shuffling (with <c>np.random</c>) before the first epoch and at
    /// each epoch's end; a batch that crosses the end is the epoch's rest followed by the new epoch's first rows.
    /// </summary>
    public (NDArray, NDArray) GetNextBatch(int batch_size, bool fake_data = false, bool shuffle = true)
    {
        if (fake_data) throw new NotSupportedException("MnistDataSet.GetNextBatch: fake_data is not supported");
        if (batch_size <= 0 || batch_size > NumOfExamples)
            throw new ArgumentOutOfRangeException(
                nameof(batch_size),
                $"GetNextBatch: batch_size {batch_size} must be in 1..{NumOfExamples}"
            );
        if (IndexInEpoch >= NumOfExamples)
            IndexInEpoch = 0;
        int start = IndexInEpoch;
        if (EpochsCompleted == 0 && start == 0 && shuffle) Shuffle();
        if (start + batch_size <= NumOfExamples)
        {
            IndexInEpoch += batch_size;
            return (Data[start..IndexInEpoch], Labels[start..IndexInEpoch]);
        }

        EpochsCompleted++;
        NDArray restImages = Data[start..NumOfExamples], restLabels = Labels[start..NumOfExamples];
        if (shuffle) Shuffle();
        IndexInEpoch = batch_size - (NumOfExamples - start);
        return (
            np.concatenate([restImages, Data[..IndexInEpoch]], axis: 0),
            np.concatenate([restLabels, Labels[..IndexInEpoch]], axis: 0)
        );
    }

    private void Shuffle()
    {
        NDArray perm = np.arange(NumOfExamples);
        np.random.shuffle(perm);
        Data = Data[perm];
        Labels = Labels[perm];
    }
}
