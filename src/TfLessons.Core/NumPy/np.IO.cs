namespace TfLessons;

/// <summary>np.save / np.load / np.savez for NumPy's .npy and .npz files.</summary>
public static partial class np
{
    /// <summary>Writes one array as .npy (format 1.0, or 2.0 for huge headers); appends ".npy" like NumPy.</summary>
    public static void save(string path, NDArray array)
    {
        if (!path.EndsWith(".npy", StringComparison.Ordinal)) path += ".npy";
        using var file = File.Create(path);
        NpyFormat.Write(file, array);
    }

    /// <summary>Reads a .npy file. For .npz archives use <see cref="load_npz"/>.</summary>
    public static NDArray load(string path)
    {
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"np.load: '{path}' is an .npz archive; use np.load_npz to get its arrays by name");
        using var file = File.OpenRead(path);
        return NpyFormat.Read(file, file.Length, $"'{path}'");
    }

    /// <summary>The arrays of an .npz archive by name (without the ".npy" suffix of the members).</summary>
    public static Dictionary<string, NDArray> load_npz(string path) => NpyFormat.ReadNpz(path);

    public static void savez(string path, params (string Name, NDArray Array)[] arrays) => WriteNpz(path, arrays, compress: false);

    public static void savez_compressed(string path, params (string Name, NDArray Array)[] arrays) => WriteNpz(path, arrays, compress: true);

    private static void WriteNpz(string path, (string Name, NDArray Array)[] arrays, bool compress)
    {
        if (!path.EndsWith(".npz", StringComparison.Ordinal)) path += ".npz";
        NpyFormat.WriteNpz(path, arrays.Select(a => KeyValuePair.Create(a.Name, a.Array)), compress);
    }
}
