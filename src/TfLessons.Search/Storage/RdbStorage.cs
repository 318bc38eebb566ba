using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace TfLessons.Search;

/// <summary>
/// Optuna-schema storage shared by the SQLite and PostgreSQL back ends. Each public operation
/// runs <see cref="Run{T}"/>: a fresh (pooled) connection, one transaction, commit; transient
/// failures roll back and retry with exponential backoff and jitter until the retry window is
/// spent, then surface as a <see cref="StorageException"/> that says what failed and why.
/// </summary>
internal abstract partial class RdbStorage : IStudyStorage
{
    private volatile bool _disposed;

    protected RdbStorage(StorageOptions options) => Options = options;

    protected StorageOptions Options { get; }

    public abstract string Describe { get; }

    /// <summary>SQL for "now" on the database clock (heartbeats never mix client clocks).</summary>
    protected abstract string NowSql { get; }

    /// <summary>SQL giving the seconds elapsed since timestamp column <paramref name="column"/>.</summary>
    protected abstract string AgeSecondsSql(string column);

    /// <summary>Row-lock suffix for "pick one WAITING trial" (PostgreSQL: FOR UPDATE SKIP LOCKED).</summary>
    protected abstract string SkipLockedSuffix(string? alias);

    /// <summary>Statement that serialises trial numbering within a study, or null when the transaction already
    /// does.</summary>
    protected abstract string? LockStudySql { get; }

    /// <summary>Wraps an enum column so it reads back as text.</summary>
    protected abstract string EnumText(string column);

    protected abstract DbConnection OpenConnection();

    protected abstract void Begin(DbSession session, bool write);

    protected abstract void Commit(DbSession session);

    protected abstract void Rollback(DbSession session);

    protected abstract bool IsTransient(Exception e);

    protected abstract bool IsUniqueViolation(Exception e);

    protected abstract object TimeParam(DateTime time);

    protected abstract DateTime? ReadTime(object? value);

    protected abstract void CreateSchemaIfMissing(DbSession session);

    /// <summary>Called after a transient error, e.g. to drop pooled connections to a restarted server.</summary>
    protected virtual void OnTransientError(Exception e) { }

    /// <summary>Connects and creates/validates the schema; errors become a clear <see
    /// cref="StorageException"/>.</summary>
    protected void Initialize()
    {
        try
        {
            Run("connect and check the schema", true, s =>
            {
                CreateSchemaIfMissing(s);
                return 0;
            }, Options.ConnectWindow);
        }
        catch (StorageException e)
        {
            throw new StorageException($"cannot use study storage {Describe}: {e.Message}", e.InnerException);
        }
        catch (Exception e)
        {
            throw new StorageException($"cannot use study storage {Describe}: {e.Message}", e);
        }
    }

    /// <summary>Checks the version tables of an existing schema.</summary>
    protected void CheckVersion(DbSession s)
    {
        var revision = s.Scalar("SELECT version_num FROM alembic_version") as string;
        if (revision is not null && revision != Schema.AlembicRevision)
        {
            throw new StorageException(
                $"{Describe} has Optuna schema revision '{revision}', expected '{Schema.AlembicRevision}' "
                    + $"(run `optuna storage upgrade --storage URL` or use a new database)"
            );
        }
    }

    protected T Run<T>(string operation, bool write, Func<DbSession, T> body, TimeSpan? window = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var limit = window ?? Options.RetryWindow;
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(25);
        for (var attempt = 1; ; attempt++)
        {
            DbSession? session = null;
            var begun = false;
            try
            {
                session = new DbSession(OpenConnection());
                Begin(session, write);
                begun = true;
                var result = body(session);
                Commit(session);
                begun = false;
                return result;
            }
            catch (Exception e) when (IsTransient(e))
            {
                if (begun)
                {
                    TryRollback(session!);
                }
                OnTransientError(e);
                // Full jitter keeps eight workers that collided once from colliding again in lockstep.
                var sleep = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
                if (clock.Elapsed + sleep > limit)
                {
                    throw new StorageException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{operation} failed on {Describe} after {attempt} attempts "
                                + $"over {clock.Elapsed.TotalSeconds:0.0}s: {e.Message}"
                        ),
                        e
                    );
                }
                Options.Log?.Invoke(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"storage: {operation} attempt {attempt} failed ({e.GetType().Name}: "
                            + $"{e.Message}); retrying in {sleep.TotalMilliseconds:0} ms"
                    )
                );
                Thread.Sleep(sleep);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
            catch
            {
                if (begun)
                {
                    TryRollback(session!);
                }
                throw;
            }
            finally
            {
                session?.Dispose();
            }
        }
    }

    private void TryRollback(DbSession session)
    {
        try
        {
            Rollback(session);
        }
        catch (Exception)
        {
            // The connection is likely gone; disposing it discards the transaction anyway.
        }
    }

    protected static string TimeText(DateTime t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _disposed = true;
        DisposeCore();
    }

    protected virtual void DisposeCore() { }
}
