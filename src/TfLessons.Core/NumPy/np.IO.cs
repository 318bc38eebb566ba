using TfLessons.NumPy;

namespace TfLessons;

/// <summary>np.save / np.load / np.savez for NumPy's .npy and .npz files.</summary>
public static partial class np
{
    /// <summary>Writes one array as .npy (format 1.0, or 2.0 for huge headers); appends ".npy" like NumPy.</summary>
    public static void save(string path, NDArray array)
    {
        if (!path.EndsWith(".npy", StringComparison.Ordinal)) path += ".npy";
        // Encoded in memory first and renamed into place, so an array that has no .npy form, or a crash, leaves no
        // truncated file behind.
        using var encoded = new MemoryStream();
        NpyFormat.Write(encoded, array);
        IO.Internal.AtomicFile.WriteAllBytes(path, encoded.GetBuffer().AsSpan(0, (int)encoded.Length));
    }

    /// <summary>Reads a .npy file. For .npz archives use <see cref="load_npz"/>.</summary>
    public static NDArray load(string path)
    {
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"np.load: '{path}' is an .npz archive; use np.load_npz to get its arrays by name"
            );
        using var file = File.OpenRead(path);
        return NpyFormat.Read(file, file.Length, $"'{path}'");
    }

    /// <summary>
    /// NumSharp's <c>np.Load&lt;T&gt;(path)</c>: a .npy file read as a .NET array of the rank and element type of
    /// <typeparamref name="T"/> (<c>double[,]</c>, <c>float[]</c>, ...), converted with NumPy's casting rules.
    /// </summary>
    public static T Load<T>(string path) where T : class
    {
        Type type = typeof(T);
        if (!type.IsArray)
            throw new ArgumentException(
                $"np.Load<{type.Name}>: the target must be a .NET array type such as double[,]"
            );
        NDArray a = load(path);
        if (a.Rank != type.GetArrayRank())
            throw new ArgumentException(
                $"np.Load<{type.Name}>: '{path}' holds an array of shape "
                    + $"{a.Shape} (rank {a.Rank}), not rank {type.GetArrayRank()}"
            );
        DType dtype = DTypes.OfClr(type.GetElementType()!);
        NDArray typed = a.DType == dtype ? a : np.astype(a, dtype);
        var result = Array.CreateInstance(type.GetElementType()!, a.Dims);
        Array flat = typed.ContiguousCopyData();
        Buffer.BlockCopy(flat, 0, result, 0, Buffer.ByteLength(result));
        return (T)(object)result;
    }

    /// <summary>The arrays of an .npz archive by name (without the ".npy" suffix of the members).</summary>
    public static Dictionary<string, NDArray> load_npz(string path) => NpyFormat.ReadNpz(path);

    public static void savez(string path, params (string Name, NDArray Array)[] arrays) =>
        WriteNpz(path, arrays, compress: false);

    public static void savez_compressed(string path, params (string Name, NDArray Array)[] arrays) =>
        WriteNpz(path, arrays, compress: true);

    private static void WriteNpz(string path, (string Name, NDArray Array)[] arrays, bool compress)
    {
        if (!path.EndsWith(".npz", StringComparison.Ordinal)) path += ".npz";
        NpyFormat.WriteNpz(path, arrays.Select(a => KeyValuePair.Create(a.Name, a.Array)), compress);
    }
}
