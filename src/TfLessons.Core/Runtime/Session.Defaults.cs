using TfLessons.Util;

namespace TfLessons;

/// <summary>
/// Default sessions, as in TensorFlow 1: <c>sess.as_default()</c> and <c>tf.InteractiveSession()</c> install one, and
/// <c>Tensor.eval()</c> / <c>Operation.run()</c> use it. A session is also the default of the thread that opened it
/// until it is closed, so <c>using (var sess = tf.Session()) { y.eval(); }</c> works as Python's
/// <c>with tf.Session() as sess: y.eval()</c> does.
/// </summary>
public partial class Session
{
    [ThreadStatic] private static List<Session>? _explicitDefaults;
    [ThreadStatic] private static List<Session>? _openedHere;
    private List<Session>? _openedList;

    /// <summary>The session <c>eval</c> and <c>run</c> use on this thread, or null.</summary>
    public static Session? Default =>
        _explicitDefaults is { Count: > 0 } d ? d[^1] : _openedHere is { Count: > 0 } o ? o[^1] : null;

    /// <summary>True once <see cref="close"/> (or Dispose) has run.</summary>
    public bool IsClosed => _disposed;

    /// <summary>Makes this the default session on this thread until the scope is disposed.</summary>
    public IDisposable as_default()
    {
        var stack = _explicitDefaults ??= [];
        stack.Add(this);
        return new Scope(() => stack.Remove(this));
    }

    /// <summary>Frees the session's variables and plans; later runs fail with "Attempted to use a closed Session.".</summary>
    public void close() => Dispose();

    private void RegisterOpened()
    {
        _openedList = _openedHere ??= [];
        _openedList.Add(this);
    }

    private void UnregisterOpened()
    {
        if (_openedList is null) return;
        lock (_openedList) _openedList.Remove(this);
        _explicitDefaults?.Remove(this);
    }

    /// <summary>The default session for <paramref name="caller"/>, or TensorFlow's error when there is none.</summary>
    internal static Session RequireDefault(string caller, Graph graph)
    {
        Session session = Default ?? throw new InvalidOperationException(
            $"Cannot {caller}: No default session is registered. Use `with sess.as_default()` or pass an explicit session to `{caller}(session=sess)`");
        if (session.Graph != graph)
        {
            throw new ArgumentException($"Cannot use the default session to {caller}: the tensor's graph is different from the session's graph. Pass an explicit session to `{caller}(session=sess)`.");
        }
        return session;
    }
}

/// <summary>TensorFlow's <c>tf.InteractiveSession</c>: a session that installs itself as the default when created.</summary>
public sealed class InteractiveSession : Session
{
    private readonly IDisposable _default;

    public InteractiveSession(Graph? graph = null, ConfigProto? config = null) : base(graph, config) => _default = as_default();

    protected override void OnClose() => _default.Dispose();
}

/// <summary>
/// TensorFlow's session configuration. Accepted so that programs that pass one run unchanged; the managed engine
/// runs on the CPU with its own threads, so placement and thread-pool settings have no effect.
/// </summary>
public sealed class ConfigProto
{
    public bool log_device_placement { get; set; }
    public bool allow_soft_placement { get; set; }
    public int intra_op_parallelism_threads { get; set; }
    public int inter_op_parallelism_threads { get; set; }

    // TensorFlow.NET's spellings (its ConfigProto is the protobuf class), for the same settings.
    public bool LogDevicePlacement { get => log_device_placement; set => log_device_placement = value; }
    public bool AllowSoftPlacement { get => allow_soft_placement; set => allow_soft_placement = value; }
    public int IntraOpParallelismThreads { get => intra_op_parallelism_threads; set => intra_op_parallelism_threads = value; }
    public int InterOpParallelismThreads { get => inter_op_parallelism_threads; set => inter_op_parallelism_threads = value; }
    public Dictionary<string, int> device_count { get; set; } = [];
    public GPUOptions gpu_options { get; set; } = new();
}

/// <summary>TensorFlow's <c>GPUOptions</c>; there is no GPU here, so only accepted.</summary>
public sealed class GPUOptions
{
    public bool allow_growth { get; set; }
    public double per_process_gpu_memory_fraction { get; set; }
}
