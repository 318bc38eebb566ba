using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace TfLessons.Search.Tests;

/// <summary>Checks against Debian's python3-optuna 3.1: same schema, Optuna reads our studies, we read Optuna's
/// trials.</summary>
public sealed class OptunaCompatTests(ITestOutputHelper output)
{
    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    private static string Python(params string[] args)
    {
        var (code, stdout, stderr) = Proc.Run(Requirements.Python, args, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"python {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }

    private static List<(string Type, string Name, string? Sql)> SqliteSchema(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT type, name, sql FROM sqlite_master ORDER BY rowid";
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, string, string?)>();
        while (r.Read())
        {
            rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }
        return rows;
    }

    [OptunaFact]
    public void SqliteSchemaIsIdenticalToOptunas()
    {
        using var dir = new TempDir();
        Python(Script("optuna_schema.py"), dir.SqliteUrl("optuna.db"));
        using (StudyStorage.Open(dir.SqliteUrl("ours.db")))
        {
        }
        var theirs = SqliteSchema(dir.File("optuna.db"));
        var ours = SqliteSchema(dir.File("ours.db"));
        Assert.Equal(13, theirs.Count(r => r.Type == "table"));
        Assert.Equal(theirs, ours);
    }

    [OptunaFact]
    public void PostgresSchemaIsIdenticalToOptunas()
    {
        if (!Requirements.HasPsycopg2 && !Requirements.RequireAll)
        {
            output.WriteLine("python3-psycopg2 missing: skipped the PostgreSQL half");
            return;
        }
        if (!Requirements.HasPostgres)
        {
            return;
        }
        var theirsUrl = Postgres.NewDatabase();
        var oursUrl = Postgres.NewDatabase();
        Python(Script("optuna_schema.py"), theirsUrl);
        using (StudyStorage.Open(oursUrl))
        {
        }
        static string Dump(string url)
        {
            var (code, stdout, stderr) = Proc.Run(
                "pg_dump",
                ["--schema-only", "--no-owner", url],
                TimeSpan.FromMinutes(1)
            );
            Assert.True(code == 0, stderr);
            return string.Join(
                '\n',
                stdout
                    .Split('\n')
                    .Where(l =>
                        !l.StartsWith("--")
                        && !l.StartsWith("\\restrict")
                        && !l.StartsWith("\\unrestrict")
                        && l.Trim().Length > 0
                    )
            );
        }
        Assert.Equal(Dump(theirsUrl), Dump(oursUrl));
    }

    [OptunaFact]
    public void OptunaLoadsOurStudyAndWeReadOptunasTrials()
    {
        using var dir = new TempDir();
        var url = dir.SqliteUrl();
        using var storage = StudyStorage.Open(url);
        var study = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "compat",
                Space = SpaceTests.Full(),
                Seed = 8,
                Pruner = new MedianPruner(2),
            }
        );
        new StudyRunner(study, t =>
        {
            t.SetUserAttr("tag", new JsonObject { ["n"] = t.Number, ["x"] = 0.5 });
            t.Report(0, t.Number == 1 ? double.NaN : t.Params.Float("dropout") * 2);
            t.Report(1, t.Number == 2 ? double.NegativeInfinity : t.Params.Float("dropout"));
            if (t.Number == 3)
            {
                throw new InvalidOperationException("boom");
            }
            if (t.Number == 4)
            {
                throw new TrialPrunedException();
            }
            return t.Number == 5 ? double.PositiveInfinity : t.Params.Float("dropout");
        }).Run(7);
        study.Enqueue(
            new Dictionary<string, double>
            {
                ["lr"] = 0.001,
                ["beta"] = 0.95,
                ["hidden"] = 7,
                ["opt"] = 2,
                ["batch"] = 64,
                ["dropout"] = 0.1,
            }
        );

        AssertOptunaSees(url, study);

        // A Python Optuna worker adds trials (it also runs our WAITING trial first); we list them.
        Python(Script("optuna_worker.py"), url, "compat", "3");
        var trials = study.GetTrials();
        Assert.Equal(10, trials.Count);
        var enqueued = trials[7];
        Assert.Equal(TrialState.Complete, enqueued.State);
        Assert.Equal("gd", enqueued.Param("opt"));
        Assert.Equal(64L, enqueued.Param("batch"));
        foreach (var t in trials.Skip(7))
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal("optuna", t.UserAttrs["from"]!.GetValue<string>());
            Assert.Equal(6, t.Params.Count);
            Assert.InRange((double)t.Param("beta")!, 0.9, 0.999);
            Assert.Equal([0, 1, 2], t.Intermediate.Keys);
            Assert.Equal(
                SpaceTests.Full().Select(p => p.ToDistribution().ToJson()),
                SpaceTests.Full().Select(p => t.Distributions[p.Name].ToJson())
            );
        }
        // And our workers carry on in the same study.
        new StudyRunner(study, t => t.Params.Float("dropout")).Run(12);
        Assert.Equal(12, study.GetTrials().Count);
        AssertOptunaSees(url, study);
    }

    private void AssertOptunaSees(string url, Study study)
    {
        var dump = JsonNode.Parse(Python(Script("optuna_dump.py"), url, study.Name))!.AsObject();
        Assert.Equal(study.Direction.ToDb(), dump["direction"]!.GetValue<string>());
        Assert.Equal(SpaceTests.Full().ToJson().ToJsonString(), dump["system_attrs"]!["tfl:space"]!.ToJsonString());
        var ours = study.GetTrials();
        var theirs = dump["trials"]!.AsArray();
        Assert.Equal(ours.Count, theirs.Count);
        foreach (var (mine, node) in ours.Zip(theirs))
        {
            var t = node!.AsObject();
            output.WriteLine(t.ToJsonString());
            Assert.Equal(mine.Number, t["number"]!.GetValue<int>());
            Assert.Equal(mine.State.ToDb(), t["state"]!.GetValue<string>());
            Assert.Equal(Num(mine.Value), Text(t["value"]));
            Assert.Equal(mine.Params.Keys.Order(), t["params"]!.AsObject().Select(kv => kv.Key).Order());
            foreach (var (name, value) in t["params"]!.AsObject())
            {
                var expected = mine.Param(name) switch
                {
                    string s => s,
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => PyJson.FormatFloat(d),
                    var o => o?.ToString(),
                };
                Assert.Equal(
                    expected,
                    value!.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : PyJson.Dumps(value)
                );
                Assert.Equal(mine.Distributions[name].ToJson(), t["distributions"]![name]!.GetValue<string>());
            }
            Assert.Equal(
                mine.Intermediate.ToDictionary(
                    kv => kv.Key.ToString(CultureInfo.InvariantCulture),
                    kv => Num(kv.Value)
                ),
                t["intermediate_values"]!.AsObject().ToDictionary(kv => kv.Key, kv => Text(kv.Value))
            );
            Assert.Equal(
                PyJson.Dumps(
                    new JsonObject(mine.UserAttrs.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())))
                ),
                PyJson.Dumps(t["user_attrs"])
            );
            Assert.Equal(mine.SystemAttrs.Count, t["system_attrs"]!.AsObject().Count);
        }
    }

    private static string? Num(double? v) =>
        v is { } d
            ? (
                double.IsNaN(d) ? "NaN"
                : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity")
                : PyJson.FormatFloat(d)
            )
            : null;

    private static string? Text(JsonNode? n) =>
        n is null ? null
        : n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>()
        : PyJson.Dumps(n);
}
