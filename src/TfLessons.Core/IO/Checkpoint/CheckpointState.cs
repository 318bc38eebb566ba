using System.Text;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// The <c>checkpoint</c> state file TensorFlow keeps next to its checkpoints (<c>CheckpointState</c> in
/// checkpoint_state.proto, stored in protobuf <b>text</b> format by <c>update_checkpoint_state</c>).
/// </summary>
public sealed record CheckpointState
{
    /// <summary>Default state file name (<c>latest_filename</c> in TF's API).</summary>
    public const string DefaultFileName = "checkpoint";

    /// <summary>Prefix of the most recent checkpoint (field 1).</summary>
    public required string ModelCheckpointPath { get; init; }

    /// <summary>Prefixes of the kept checkpoints, oldest first, ending with the newest (field 2).</summary>
    public IReadOnlyList<string> AllModelCheckpointPaths { get; init; } = [];

    /// <summary>Unix timestamps matching <see cref="AllModelCheckpointPaths"/> (field 3, TF 1.14+; may be
    /// empty).</summary>
    public IReadOnlyList<double> AllModelCheckpointTimestamps { get; init; } = [];

    /// <summary>Time of the last checkpoint preserved by <c>keep_checkpoint_every_n_hours</c> (field 4, TF
    /// 1.14+).</summary>
    public double? LastPreservedTimestamp { get; init; }

    /// <summary>Parses the text form; unknown fields are skipped.</summary>
    /// <param name="text">File contents.</param>
    /// <param name="source">Name used in error messages (usually the file path).</param>
    /// <exception cref="InvalidDataException">Malformed text or no <c>model_checkpoint_path</c>.</exception>
    public static CheckpointState Parse(string text, string source = "checkpoint state")
    {
        string? model = null;
        var all = new List<string>();
        var stamps = new List<double>();
        double? lastPreserved = null;
        foreach (TextFormat.Field f in TextFormat.ParseFlat(text, source))
        {
            switch (f.Name)
            {
                case "model_checkpoint_path": model = RequireString(f, source); break;
                case "all_model_checkpoint_paths": all.Add(RequireString(f, source)); break;
                case "all_model_checkpoint_timestamps": stamps.Add(TextFormat.ParseDouble(f, source)); break;
                case "last_preserved_timestamp": lastPreserved = TextFormat.ParseDouble(f, source); break;
            }
        }
        if (string.IsNullOrEmpty(model))
        {
            // get_checkpoint_state raises "Invalid checkpoint state loaded from ..." in this case.
            throw new InvalidDataException($"{source}: no model_checkpoint_path; invalid checkpoint state.");
        }
        return new CheckpointState
        {
            ModelCheckpointPath = model,
            AllModelCheckpointPaths = all,
            AllModelCheckpointTimestamps = stamps,
            LastPreservedTimestamp = lastPreserved,
        };
    }

    /// <summary>Formats like Python's <c>text_format.MessageToString</c>: one field per line, trailing
    /// newline.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("model_checkpoint_path: ").Append(TextFormat.Quote(ModelCheckpointPath)).Append('\n');
        foreach (string p in AllModelCheckpointPaths)
        {
            sb.Append("all_model_checkpoint_paths: ").Append(TextFormat.Quote(p)).Append('\n');
        }
        foreach (double t in AllModelCheckpointTimestamps)
        {
            sb.Append("all_model_checkpoint_timestamps: ").Append(TextFormat.FormatDouble(t)).Append('\n');
        }
        if (LastPreservedTimestamp is { } last)
        {
            sb.Append("last_preserved_timestamp: ").Append(TextFormat.FormatDouble(last)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads <c>&lt;dir&gt;/checkpoint</c> like TF's <c>get_checkpoint_state</c>: relative paths are joined
    /// with <paramref name="checkpointDir"/>, absolute ones are returned unchanged.
    /// </summary>
    /// <returns>The state, or null when the file does not exist.</returns>
    public static CheckpointState? Read(string checkpointDir, string latestFileName = DefaultFileName)
    {
        string path = Path.Combine(checkpointDir, latestFileName);
        if (!File.Exists(path))
        {
            return null;
        }
        CheckpointState raw = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        return raw with
        {
            ModelCheckpointPath = Resolve(checkpointDir, raw.ModelCheckpointPath),
            AllModelCheckpointPaths = raw.AllModelCheckpointPaths.Select(p => Resolve(checkpointDir, p)).ToList(),
        };
    }

    /// <summary>
    /// Writes the state file atomically (temp file + rename), like TF's <c>update_checkpoint_state</c>.
    /// Paths are written as given in <paramref name="state"/>; see <see cref="Update"/> for TF's path rules.
    /// </summary>
    public static void Write(string checkpointDir, CheckpointState state, string latestFileName = DefaultFileName)
    {
        Directory.CreateDirectory(checkpointDir);
        AtomicFile.WriteAllBytes(Path.Combine(checkpointDir, latestFileName), Encoding.UTF8.GetBytes(state.ToText()));
    }

    /// <summary>
    /// TF's <c>update_checkpoint_state_internal</c> + <c>generate_checkpoint_state_proto</c>: appends
    /// <paramref name="modelCheckpointPath"/> to the list if it is not already last, rewrites paths, writes
    /// the file and returns the state as written.
    /// </summary>
    /// <param name="saveDir">Directory that holds the state file.</param>
    /// <param name="modelCheckpointPath">Prefix of the newest checkpoint.</param>
    /// <param name="allModelCheckpointPaths">Kept prefixes, oldest first (may omit the newest).</param>
    /// <param name="saveRelativePaths">
    /// True (the TfLessons default) stores absolute paths relative to <paramref name="saveDir"/>, so the
    /// directory can be moved; false is TF's default, which keeps absolute paths when <paramref name="saveDir"/> is
    /// absolute.
    /// </param>
    /// <param name="timestamps">Optional timestamps, one per path (TF 1.14+ fields).</param>
    /// <param name="lastPreservedTimestamp">Optional TF 1.14+ field.</param>
    /// <param name="latestFileName">State file name.</param>
    public static CheckpointState Update(
        string saveDir,
        string modelCheckpointPath,
        IEnumerable<string>? allModelCheckpointPaths = null,
        bool saveRelativePaths = true,
        IEnumerable<double>? timestamps = null,
        double? lastPreservedTimestamp = null,
        string latestFileName = DefaultFileName)
    {
        var all = allModelCheckpointPaths?.ToList() ?? [];
        string model = modelCheckpointPath;
        if (saveRelativePaths)
        {
            model = Path.IsPathRooted(model) ? Path.GetRelativePath(saveDir, model) : model;
            all = all.Select(p => Path.IsPathRooted(p) ? Path.GetRelativePath(saveDir, p) : p).ToList();
        }
        if (all.Count == 0 || all[^1] != model)
        {
            all.Add(model);
        }
        List<double> stamps = timestamps?.ToList() ?? [];
        if (stamps.Count != 0 && stamps.Count != all.Count)
        {
            throw new ArgumentException(
                $"{stamps.Count} timestamps given for {all.Count} checkpoint paths.",
                nameof(timestamps)
            );
        }
        // generate_checkpoint_state_proto: with a relative save_dir, relative paths are made relative to it.
        if (!Path.IsPathRooted(saveDir))
        {
            model = Path.IsPathRooted(model) ? model : Path.GetRelativePath(saveDir, model);
            all = all.Select(p => Path.IsPathRooted(p) ? p : Path.GetRelativePath(saveDir, p)).ToList();
        }
        string stateFile = Path.Combine(saveDir, latestFileName);
        if (stateFile == model)
        {
            throw new ArgumentException(
                $"Save path '{modelCheckpointPath}' conflicts with the "
                    + $"checkpoint state file; use a different save path."
            );
        }
        var state = new CheckpointState
        {
            ModelCheckpointPath = model,
            AllModelCheckpointPaths = all,
            AllModelCheckpointTimestamps = stamps,
            LastPreservedTimestamp = lastPreservedTimestamp,
        };
        Write(saveDir, state, latestFileName);
        return state;
    }

    /// <summary>
    /// TF's <c>tf.train.latest_checkpoint</c>: the newest complete checkpoint prefix in <paramref
    /// name="checkpointDir"/>,
    /// or null when there is no state file or no checkpoint it lists is complete.
    /// </summary>
    /// <remarks>
    /// Unlike TF, a missing or incomplete newest checkpoint is not the end: its backup (left by a save interrupted
    /// while
    /// overwriting it), then the older listed checkpoints, newest first, are tried. A recorded path that does not exist
    /// (typically an absolute path from another machine) is also tried as
    /// <c>&lt;checkpointDir&gt;/&lt;basename&gt;</c>.
    /// </remarks>
    public static string? LatestCheckpoint(string checkpointDir, string latestFileName = DefaultFileName)
    {
        CheckpointState? state = Read(checkpointDir, latestFileName);
        if (state is null)
        {
            return null;
        }
        IEnumerable<string> candidates = new[] { state.ModelCheckpointPath }.Concat(
            state.AllModelCheckpointPaths.Reverse()
        );
        foreach (string path in candidates)
        {
            if (CheckpointFiles.Resolve(path) is { } found)
            {
                return found;
            }
            // Accept both separators: the state file may come from Windows or POSIX.
            string baseName = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
            if (baseName.Length > 0 && CheckpointFiles.Resolve(Path.Combine(checkpointDir, baseName)) is { } local)
            {
                return local;
            }
        }
        return null;
    }

    private static string Resolve(string dir, string path) => Path.IsPathRooted(path) ? path : Path.Combine(dir, path);

    private static string RequireString(TextFormat.Field f, string source) =>
        f.IsString
            ? f.Value
            : throw new InvalidDataException($"{source}, line {f.Line}: '{f.Name}' must be a quoted string.");
}
