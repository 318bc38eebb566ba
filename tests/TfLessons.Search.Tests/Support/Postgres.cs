using Npgsql;

namespace TfLessons.Search.Tests;

/// <summary>
/// The PostgreSQL server for tests: TFL_SEARCH_PG_URL if set, else a private cluster started
/// once by tests/pg-start.sh (loopback only). Each test gets its own fresh database.
/// </summary>
internal static class Postgres
{
    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("TFL_SEARCH_PG_URL") is { Length: > 0 } url
            ? url
            : StartCluster("/tmp/tfl-search-pg", 54329)
    );

    /// <summary>Starts (or reuses) a private cluster and returns its URL.</summary>
    public static string StartCluster(string dir, int port)
    {
        var (code, stdout, stderr) = Proc.Run(
            "bash",
            [
                Path.Combine(AppContext.BaseDirectory, "pg-start.sh"),
                dir,
                port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            TimeSpan.FromMinutes(3)
        );
        if (code != 0)
        {
            throw new InvalidOperationException($"pg-start.sh failed ({code}): {stderr}");
        }
        return stdout.Trim().Split('\n')[^1].Trim();
    }

    /// <summary>Creates a new empty database on the test server and returns its URL.</summary>
    public static string NewDatabase(string? serverUrl = null)
    {
        var baseUrl = serverUrl ?? Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        var uri = new Uri(baseUrl);
        var csb = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Username = uri.UserInfo.Split(':')[0],
            Database = uri.AbsolutePath.TrimStart('/'),
            Pooling = false,
        };
        if (uri.UserInfo.Contains(':'))
        {
            csb.Password = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]);
        }
        using var c = new NpgsqlConnection(csb.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE {name}";
        cmd.ExecuteNonQuery();
        return $"{uri.Scheme}://{uri.UserInfo}@{uri.Host}:{uri.Port}/{name}";
    }
}
