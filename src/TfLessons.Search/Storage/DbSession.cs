using System.Data.Common;

namespace TfLessons.Search;

/// <summary>One connection (plus, for PostgreSQL, its transaction) and small command helpers.</summary>
internal sealed class DbSession : IDisposable
{
    public DbSession(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; set; }

    public DbCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = Transaction;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public int Exec(string sql, params (string, object?)[] args)
    {
        using var cmd = Command(sql, args);
        return cmd.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string, object?)[] args)
    {
        using var cmd = Command(sql, args);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    public long Long(string sql, params (string, object?)[] args) => Convert.ToInt64(Scalar(sql, args) ?? 0L);

    public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string, object?)[] args)
    {
        using var cmd = Command(sql, args);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Connection.Dispose();
    }
}
