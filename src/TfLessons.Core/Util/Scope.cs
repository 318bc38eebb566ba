namespace TfLessons.Util;

/// <summary>A scope (name scope, default graph or session) that runs its exit action once, however often it is
/// disposed.</summary>
internal sealed class Scope(Action onDispose) : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        onDispose();
    }
}
