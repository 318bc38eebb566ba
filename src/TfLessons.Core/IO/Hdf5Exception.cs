namespace TfLessons.IO;

/// <summary>
/// A bad, unsupported or unreadable HDF5 file or dataset. The message names the file, the dataset and the field
/// (shape, dtype, storage, ...) that is wrong; the same facts are available as properties.
/// </summary>
public class Hdf5Exception : IOException
{
    public Hdf5Exception(string message)
        : base(message)
    {
    }

    public Hdf5Exception(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal Hdf5Exception(string filePath, string? dataset, string? field, string problem, Exception? inner = null)
        : base(Compose(filePath, dataset, field, problem), inner)
    {
        FilePath = filePath;
        Dataset = dataset;
        Field = field;
    }

    /// <summary>Full path of the HDF5 file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The dataset concerned, or null for a file-level problem.</summary>
    public string? Dataset { get; }

    /// <summary>What is wrong: "shape", "dtype", "storage", "layout", "filters", "read", "structure" or null.</summary>
    public string? Field { get; }

    private static string Compose(string filePath, string? dataset, string? field, string problem)
    {
        string where = dataset is null ? $"HDF5 file '{filePath}'" : $"HDF5 file '{filePath}', dataset '{dataset}'";
        return field is null ? $"{where}: {problem}" : $"{where}, {field}: {problem}";
    }
}
