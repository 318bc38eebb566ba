using TfLessons.IO.Checkpoint;

namespace TfLessons.Train;

/// <summary>
/// TensorFlow 1's <c>tf.train.Saver</c>: writes V2 checkpoints (<c>PREFIX.index</c> + <c>PREFIX.data-00000-of-00001</c>)
/// keyed by variable names (<c>W1</c>, <c>dense/kernel</c>, <c>W1/Adam</c>, <c>beta1_power</c>, ...), keeps the
/// <c>checkpoint</c> state file, deletes checkpoints beyond <c>max_to_keep</c>, and restores all or nothing.
/// </summary>
public sealed class Saver
{
    private readonly List<Variable> _variables;
    private readonly List<(string Prefix, double Time)> _kept = [];
    private readonly int _maxToKeep;
    private readonly double _keepEveryHours;
    private double _lastPreserved;

    public Saver(IEnumerable<Variable>? var_list = null, int max_to_keep = 5, double keep_checkpoint_every_n_hours = 10000)
    {
        _variables = (var_list ?? Graph.Default.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)).ToList();
        if (_variables.Count == 0) throw new ArgumentException("Saver: no variables to save (create the variables before the Saver, in the same graph, or pass var_list)");
        var duplicate = _variables.GroupBy(v => v.OpName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Saver: two variables share the checkpoint key '{duplicate.Key}'");
        _maxToKeep = max_to_keep;
        _keepEveryHours = keep_checkpoint_every_n_hours;
        _lastPreserved = Now();
    }

    /// <summary>The prefixes this saver still keeps, oldest first.</summary>
    public IReadOnlyList<string> last_checkpoints => _kept.Select(k => k.Prefix).ToList();

    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Saves every variable's value; returns the checkpoint prefix (<c>save_path-STEP</c> with a global step).</summary>
    public string save(Session sess, string save_path, long? global_step = null, bool write_state = true)
    {
        string prefix = global_step is long step ? $"{save_path}-{step}" : save_path;
        string fullPrefix = Path.GetFullPath(prefix);
        string dir = Path.GetDirectoryName(fullPrefix)!;
        Directory.CreateDirectory(dir);
        // One run for all variables: one cached plan, not one per variable.
        NDArray[] values = sess.run(_variables.Cast<ITensorOrOperation>().ToArray());
        var tensors = _variables.Select((v, i) => ToCheckpoint(v.OpName, values[i])).ToList();
        CheckpointWriter.Write(fullPrefix, tensors);
        _kept.RemoveAll(k => k.Prefix == fullPrefix);
        _kept.Add((fullPrefix, Now()));
        while (_maxToKeep > 0 && _kept.Count > _maxToKeep)
        {
            var (oldest, time) = _kept[0];
            _kept.RemoveAt(0);
            // keep_checkpoint_every_n_hours: one checkpoint per that interval survives deletion, as in TensorFlow.
            if (time - _lastPreserved > _keepEveryHours * 3600) { _lastPreserved = time; continue; }
            Delete(oldest);
        }
        if (write_state)
        {
            // The state file is written last: a crash before it leaves the previous checkpoint as the latest one.
            CheckpointState.Update(dir, fullPrefix, _kept.Select(k => k.Prefix), saveRelativePaths: true, timestamps: _kept.Select(k => k.Time), lastPreservedTimestamp: _lastPreserved);
        }
        return prefix;
    }

    /// <summary>
    /// Restores every variable from <paramref name="save_path"/>. Names, dtypes and shapes are all checked first and every
    /// mismatch reported in one error; only then are values assigned, so a failed restore changes nothing.
    /// </summary>
    public void restore(Session sess, string save_path)
    {
        if (!File.Exists(CheckpointPaths.Index(save_path)))
            throw new FileNotFoundException($"Saver.restore: no checkpoint at '{save_path}' ({CheckpointPaths.Index(save_path)} does not exist)", CheckpointPaths.Index(save_path));
        using CheckpointReader reader = CheckpointReader.Open(save_path);
        var problems = new List<string>();
        var values = new List<(Variable Variable, NDArray Value)>();
        foreach (Variable v in _variables)
        {
            if (!reader.Contains(v.OpName)) { problems.Add($"'{v.OpName}' is not in the checkpoint"); continue; }
            CheckpointEntry e = reader.GetEntry(v.OpName);
            DType? dtype = DTypeOf(e.DType);
            long[] shape = v.Shape.ToArray().Select(d => (long)d).ToArray();
            if (dtype != v.DType) problems.Add($"'{v.OpName}': checkpoint dtype {e.DType.TfName()}, variable dtype {v.DType.Name()}");
            else if (!e.Shape.SequenceEqual(shape)) problems.Add($"'{v.OpName}': checkpoint shape [{string.Join(",", e.Shape)}], variable shape {v.Shape.ToListString()}");
            else values.Add((v, FromCheckpoint(reader.ReadTensor(v.OpName), v.Shape.ToArray())));
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"Saver.restore from '{save_path}' failed; nothing was restored:\n  " + string.Join("\n  ", problems));
        foreach (var (v, value) in values) v.load(value, sess);
    }

    internal static CheckpointTensor ToCheckpoint(string name, NDArray a)
    {
        long[] shape = a.Dims.Select(d => (long)d).ToArray();
        return a.DType switch
        {
            DType.Float32 => CheckpointTensor.FromFloats(name, shape, a.AsSpan<float>()),
            DType.Float64 => CheckpointTensor.FromDoubles(name, shape, a.AsSpan<double>()),
            DType.Int32 => CheckpointTensor.FromInt32s(name, shape, a.AsSpan<int>()),
            DType.Int64 => CheckpointTensor.FromInt64s(name, shape, a.AsSpan<long>()),
            DType.Bool => CheckpointTensor.FromBools(name, shape, a.AsSpan<bool>()),
            _ => throw new ArgumentException($"cannot save '{name}' of dtype {a.DType}"),
        };
    }

    /// <summary>The DType a checkpoint dtype maps to, or null when TfLessons tensors cannot hold it.</summary>
    public static DType? DTypeOf(TfDataType t) => t switch
    {
        TfDataType.Float => DType.Float32,
        TfDataType.Double => DType.Float64,
        TfDataType.Int32 => DType.Int32,
        TfDataType.Int64 => DType.Int64,
        TfDataType.Bool => DType.Bool,
        _ => null,
    };

    /// <summary>A checkpoint tensor as an NDArray (float, double, int32, int64, bool), in <paramref name="shape"/> or its own.</summary>
    public static NDArray FromCheckpoint(CheckpointTensor t, int[]? shape = null)
    {
        int[] dims = shape ?? t.Shape.Select(d => checked((int)d)).ToArray();
        return t.DType switch
        {
            TfDataType.Float => np.wrap(t.GetFloats(), dims),
            TfDataType.Double => np.wrap(t.GetDoubles(), dims),
            TfDataType.Int32 => np.wrap(t.GetInt32s(), dims),
            TfDataType.Int64 => np.wrap(t.GetInt64s(), dims),
            TfDataType.Bool => np.wrap(t.GetBools(), dims),
            _ => throw new NotSupportedException($"checkpoint tensor '{t.Name}' has dtype {t.DType.TfName()}, which TfLessons variables cannot hold"),
        };
    }

    private static void Delete(string prefix)
    {
        foreach (string file in new[] { CheckpointPaths.Index(prefix), CheckpointPaths.Data(prefix), prefix + ".meta" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
