using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TfLessons.Search;

/// <summary>
/// SQLite back end. Built for several worker processes on one file: WAL journal (readers never
/// block the writer), a busy_timeout on every connection, BEGIN IMMEDIATE for every write so the
/// write lock is taken up front (a deferred transaction upgrading to a writer can fail with
/// SQLITE_BUSY without waiting), and the shared retry loop on SQLITE_BUSY/SQLITE_LOCKED.
/// </summary>
internal sealed class SqliteStorage : RdbStorage
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];
    private readonly string _connectionString;
    private readonly string _path;

    public SqliteStorage(string path, StorageOptions options) : base(options)
    {
        _path = path;
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new StorageException($"cannot use study storage {Describe}: directory '{dir}' does not exist");
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds),
        }.ToString();
        EnableWal();
        Initialize();
    }

    public override string Describe => $"sqlite:///{_path}";

    protected override string NowSql => "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')";

    protected override string? LockStudySql => null;

    protected override string AgeSecondsSql(string column) => $"((julianday('now') - julianday({column})) * 86400.0)";

    protected override string SkipLockedSuffix(string? alias) => "";

    protected override string EnumText(string column) => column;

    protected override DbConnection OpenConnection()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        // synchronous=NORMAL is durable across application crashes in WAL mode and saves an fsync per commit.
        cmd.CommandText =
            $"PRAGMA busy_timeout = {(int)Options.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
        cmd.ExecuteNonQuery();
        return c;
    }

    // Raw BEGIN IMMEDIATE rather than BeginTransaction() so the locking mode is explicit.
    protected override void Begin(DbSession session, bool write) =>
        session.Exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");

    protected override void Commit(DbSession session) => session.Exec("COMMIT");

    protected override void Rollback(DbSession session) => session.Exec("ROLLBACK");

    protected override bool IsTransient(Exception e) =>
        e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    protected override bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: SqliteConstraint } se
        && se.Message.Contains("UNIQUE", StringComparison.Ordinal);

    protected override object TimeParam(DateTime time) => TimeText(time);

    protected override DateTime? ReadTime(object? value) =>
        value switch
        {
            string s
                when DateTime.TryParseExact(
                    s,
                    TimeFormats,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var t
                ) => t,
            DateTime t => t,
            _ => null,
        };

    protected override void CreateSchemaIfMissing(DbSession session)
    {
        if (session.Long("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'studies'") > 0)
        {
            CheckVersion(session);
            return;
        }
        foreach (var sql in Schema.Create(postgres: false).Concat(Schema.Stamp()))
        {
            session.Exec(sql);
        }
    }

    // WAL persists in the file, so this normally runs once per database; it cannot run inside a
    // transaction, hence the small manual retry instead of Run().
    private void EnableWal()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var c = (SqliteConnection)OpenConnection();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode = WAL";
                cmd.ExecuteNonQuery();
                return;
            }
            catch (SqliteException e) when (IsTransient(e) && attempt < 20)
            {
                Thread.Sleep(50 * (attempt + 1));
            }
            catch (SqliteException e)
            {
                throw new StorageException($"cannot use study storage {Describe}: {e.Message}", e);
            }
        }
    }
}
