namespace TfLessons.Search;

/// <summary>Opens storages from SQLAlchemy-style URLs.</summary>
public static class StudyStorage
{
    /// <summary>
    /// Opens (creating the schema if needed) <c>sqlite:///relative.db</c>, <c>sqlite:////abs/path.db</c>
    /// or <c>postgresql://user[:password]@host[:port]/db</c> (also <c>postgresql+psycopg2://</c>,
    /// <c>postgres://</c>). Connects immediately, so an unreachable database or a bad URL fails
    /// here with a <see cref="StorageException"/>, before any trial starts.
    /// </summary>
    public static IStudyStorage Open(string url, StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        var scheme = url.Split("://", 2)[0].ToLowerInvariant();
        if (!url.Contains("://"))
        {
            throw new StorageException(
                $"storage URL '{url}' has no scheme; expected sqlite:///path.db or postgresql://user@host:port/db"
            );
        }
        if (scheme == "sqlite")
        {
            var path = url["sqlite:///".Length..];
            if (!url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase) || path.Length == 0)
            {
                throw new StorageException(
                    $"SQLite URL '{url}' must look like sqlite:///relative/path.db or sqlite:////absolute/path.db"
                );
            }
            return new SqliteStorage(Uri.UnescapeDataString(path), options);
        }
        if (scheme is "postgresql" or "postgres" || scheme.StartsWith("postgresql+", StringComparison.Ordinal))
        {
            return new PostgresStorage(url, options);
        }
        throw new StorageException($"unsupported storage URL scheme '{scheme}' (use sqlite:/// or postgresql://)");
    }
}
