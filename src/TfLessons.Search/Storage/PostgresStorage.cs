using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace TfLessons.Search;

/// <summary>
/// PostgreSQL back end. WAITING trials are claimed with SELECT ... FOR UPDATE SKIP LOCKED and
/// new trial numbers are assigned under a row lock on the study, as Optuna does, so concurrent
/// workers never share a trial. Connection failures (server restart, dropped sockets) clear the
/// pool and are retried by the shared loop.
/// </summary>
internal sealed class PostgresStorage : RdbStorage
{
    // Arbitrary constant for pg_advisory_xact_lock so concurrent first-time workers create the schema once.
    private const long SchemaLockKey = 0x7466_6c5f_7363_6831;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _describe;

    public PostgresStorage(string url, StorageOptions options) : base(options)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException e)
        {
            throw new StorageException(
                $"PostgreSQL URL '{url}' is malformed (expected "
                    + $"postgresql://user[:password]@host[:port]/db): {e.Message}",
                e
            );
        }
        var userInfo = uri.UserInfo.Split(':', 2);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new StorageException(
                $"PostgreSQL URL '{url}' names no database (expected postgresql://user@host:port/db)"
            );
        }
        var csb = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = database,
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : Environment.UserName,
            Timeout = Math.Max(1, (int)Math.Min(15, options.ConnectWindow.TotalSeconds)),
            CommandTimeout = 60,
            Pooling = true,
            MaxPoolSize = 20,
            ApplicationName = "tfl-search",
        };
        if (userInfo.Length == 2)
        {
            csb.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        _describe = $"postgresql://{csb.Username}@{csb.Host}:{csb.Port}/{csb.Database}";
        _dataSource = NpgsqlDataSource.Create(csb);
        Initialize();
    }

    public override string Describe => _describe;

    protected override string NowSql => "LOCALTIMESTAMP";

    protected override string? LockStudySql => "SELECT study_id FROM studies WHERE study_id = @s FOR UPDATE";

    protected override string AgeSecondsSql(string column) => $"EXTRACT(EPOCH FROM (LOCALTIMESTAMP - {column}))";

    protected override string SkipLockedSuffix(string? alias) =>
        alias is null ? " FOR UPDATE SKIP LOCKED" : $" FOR UPDATE OF {alias} SKIP LOCKED";

    // Optuna's columns are native enum types; reading them as text needs no type mapping.
    protected override string EnumText(string column) => $"{column}::text";

    protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    // Reads get a repeatable-read snapshot so the six queries of a study read agree with each other.
    protected override void Begin(DbSession session, bool write) =>
        session.Transaction = ((NpgsqlConnection)session.Connection).BeginTransaction(
            write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead
        );

    protected override void Commit(DbSession session) => session.Transaction!.Commit();

    protected override void Rollback(DbSession session) => session.Transaction?.Rollback();

    protected override bool IsTransient(Exception e) => e switch
    {
        PostgresException pe => pe.SqlState.StartsWith("08", StringComparison.Ordinal) || pe.SqlState is
            "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300" or "55P03" or "58030",
        NpgsqlException => true, // I/O, timeouts and broken connections
        SocketException or IOException or TimeoutException => true,
        InvalidOperationException when e.InnerException is not null => IsTransient(e.InnerException),
        _ => false,
    };

    protected override void OnTransientError(Exception e) => _dataSource.Clear();

    protected override bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: "23505" };

    protected override object TimeParam(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Unspecified);

    protected override DateTime? ReadTime(object? value) => value is DateTime t ? t : null;

    protected override void CreateSchemaIfMissing(DbSession session)
    {
        session.Exec("SELECT pg_advisory_xact_lock(@k)", ("@k", SchemaLockKey));
        if (session.Scalar("SELECT to_regclass('studies') IS NOT NULL") is true)
        {
            CheckVersion(session);
            return;
        }
        foreach (var sql in Schema.Create(postgres: true).Concat(Schema.Stamp()))
        {
            session.Exec(sql);
        }
    }

    protected override void DisposeCore() => _dataSource.Dispose();
}
