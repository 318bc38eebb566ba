using TfLessons.IO.Checkpoint;
using TfLessons.IO.Internal;

namespace TfLessons.Train;

/// <summary>
/// TensorFlow 1's <c>tf.train.Saver</c>: writes V2 checkpoints (<c>PREFIX.index</c> +
/// <c>PREFIX.data-00000-of-00001</c>)
/// keyed by variable names (<c>W1</c>, <c>dense/kernel</c>, <c>W1/Adam</c>, <c>beta1_power</c>, ...), keeps the
/// <c>checkpoint</c> state file, deletes checkpoints beyond <c>max_to_keep</c>, and restores all or nothing.
/// </summary>
public sealed class Saver
{
    private readonly List<Variable> _variables;
    private readonly List<(string Prefix, double Time)> _kept = [];
    private readonly int _maxToKeep;
    private readonly double _keepEveryHours;
    private readonly HashSet<string> _recoveredDirs = [];
    private double _lastPreserved;

    public Saver(
        IEnumerable<Variable>? var_list = null,
        int max_to_keep = 5,
        double keep_checkpoint_every_n_hours = 10000
    )
    {
        _variables = (var_list ?? Graph.Default.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)).ToList();
        if (_variables.Count == 0)
            throw new ArgumentException(
                "Saver: no variables to save (create the variables "
                    + "before the Saver, in the same graph, or pass var_list)"
            );
        var duplicate = _variables.GroupBy(v => v.OpName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Saver: two variables share the checkpoint key '{duplicate.Key}'");
        _maxToKeep = max_to_keep;
        _keepEveryHours = keep_checkpoint_every_n_hours;
        _lastPreserved = Now();
    }

    /// <summary>The prefixes this saver still keeps, oldest first.</summary>
    public IReadOnlyList<string> last_checkpoints => _kept.Select(k => k.Prefix).ToList();

    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Saves every variable's value; returns the checkpoint prefix (<c>save_path-STEP</c> with a global
    /// step).</summary>
    /// <remarks>
    /// The order is TensorFlow's and never leaves a moment without a complete checkpoint on disk: the new pair is
    /// written (an overwritten prefix keeps a backup until the new pair is in), then the <c>checkpoint</c> state file
    /// names it, and only then are checkpoints beyond <c>max_to_keep</c> deleted. The first save into a directory takes
    /// over the checkpoints its state file lists (TF2's CheckpointManager), so <c>max_to_keep</c> spans runs, and
    /// sweeps
    /// the temporary files of saves that crashed.
    /// </remarks>
    public string save(
        Session sess,
        string save_path,
        long? global_step = null,
        bool write_state = true,
        bool write_meta_graph = true
    )
    {
        string prefix = global_step is long step ? $"{save_path}-{step}" : save_path;
        string fullPrefix = Path.GetFullPath(prefix);
        string dir = Path.GetDirectoryName(fullPrefix)!;
        Directory.CreateDirectory(dir);
        if (_recoveredDirs.Add(dir)) RecoverKept(dir);
        // One run for all variables: one cached plan, not one per variable.
        NDArray[] values = sess.run(_variables.Cast<ITensorOrOperation>().ToArray());
        var tensors = _variables.Select((v, i) => CheckpointValues.ToCheckpoint(v.OpName, values[i])).ToList();
        CheckpointWriter.Write(fullPrefix, tensors);
        // TF1 writes PREFIX.meta after the data and before the state file names the checkpoint; temp + rename, like the
        // pair.
        if (write_meta_graph)
            IO.GraphDefs.MetaGraphIo.Write(
                fullPrefix + ".meta",
                IO.GraphDefs.MetaGraphIo.Export(sess.Graph, _maxToKeep, _keepEveryHours),
                asText: false
            );
        _kept.RemoveAll(k => k.Prefix == fullPrefix);
        _kept.Add((fullPrefix, Now()));
        var doomed = new List<string>();
        while (_maxToKeep > 0 && _kept.Count > _maxToKeep)
        {
            var (oldest, time) = _kept[0];
            _kept.RemoveAt(0);
            // keep_checkpoint_every_n_hours: one checkpoint per that interval survives deletion, as in TensorFlow.
            if (time - _lastPreserved > _keepEveryHours * 3600) { _lastPreserved = time; continue; }
            doomed.Add(oldest);
        }
        if (write_state)
        {
            CheckpointState.Update(
                dir,
                fullPrefix,
                _kept.Select(k => k.Prefix),
                saveRelativePaths: true,
                timestamps: _kept.Select(k => k.Time),
                lastPreservedTimestamp: _lastPreserved
            );
        }
        // Deleted only once the state file no longer names them: a crash before this line keeps them listed and whole.
        foreach (string old in doomed)
        {
            CheckpointFiles.Delete(old);
            AtomicFile.TryDelete(old + ".meta");
            CheckpointFiles.Delete(CheckpointFiles.BackupOf(old));
        }
        return prefix;
    }

    // The checkpoints an earlier run listed in this directory's state file join the kept list, oldest first.
    private void RecoverKept(string dir)
    {
        AtomicFile.SweepStaleTemps(dir);
        CheckpointState? state;
        try
        {
            state = CheckpointState.Read(dir);
        }
        catch (InvalidDataException)
        {
            return; // A damaged state file is rewritten by this save; the files it listed are left alone.
        }
        if (state is null) return;
        var listed = state.AllModelCheckpointPaths.Select(Path.GetFullPath).ToList();
        IReadOnlyList<double> stamps = state.AllModelCheckpointTimestamps;
        var recovered = new List<(string Prefix, double Time)>();
        for (int i = 0; i < listed.Count; i++)
        {
            if (CheckpointFiles.Resolve(listed[i]) is null || _kept.Any(k => k.Prefix == listed[i]))
                continue;
            double time =
                stamps.Count == listed.Count
                    ? stamps[i]
                    : File.GetLastWriteTimeUtc(CheckpointPaths.Index(listed[i]))
                        .Subtract(DateTime.UnixEpoch)
                        .TotalSeconds;
            recovered.Add((listed[i], time));
        }
        _kept.InsertRange(0, recovered);
        if (state.LastPreservedTimestamp is double last) _lastPreserved = last;
    }

    /// <summary>
    /// Restores every variable from <paramref name="save_path"/>. Names, dtypes and shapes are all checked first and
    /// every
    /// mismatch reported in one error; only then are values assigned, so a failed restore changes nothing.
    /// </summary>
    public void restore(Session sess, string save_path)
    {
        // A save interrupted while overwriting save_path leaves its previous contents under the backup name.
        string complete = CheckpointFiles.Resolve(save_path)
            ?? throw new FileNotFoundException(
                $"Saver.restore: no complete checkpoint at '{save_path}' "
                    + $"({CheckpointPaths.Index(save_path)} or its data file does not exist)",
                CheckpointPaths.Index(save_path)
            );
        using CheckpointReader reader = CheckpointReader.Open(complete);
        var problems = new List<string>();
        var values = new List<(Variable Variable, NDArray Value)>();
        foreach (Variable v in _variables)
        {
            if (!reader.Contains(v.OpName)) { problems.Add($"'{v.OpName}' is not in the checkpoint"); continue; }
            CheckpointEntry e = reader.GetEntry(v.OpName);
            DType? dtype = CheckpointValues.DTypeOf(e.DType);
            long[] shape = v.Shape.ToArray().Select(d => (long)d).ToArray();
            if (dtype != v.DType)
                problems.Add($"'{v.OpName}': checkpoint dtype {e.DType.TfName()}, variable dtype {v.DType.Name()}");
            else if (!e.Shape.SequenceEqual(shape))
                problems.Add(
                    $"'{v.OpName}': checkpoint shape [{string.Join(",", e.Shape)}], "
                        + $"variable shape {v.Shape.ToListString()}"
                );
            else
                values.Add((v, CheckpointValues.FromCheckpoint(reader.ReadTensor(v.OpName), v.Shape.ToArray())));
        }
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"Saver.restore from '{save_path}' failed; nothing was restored:\n  " + string.Join("\n  ", problems)
            );
        foreach (var (v, value) in values)
            v.load(value, sess);
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
