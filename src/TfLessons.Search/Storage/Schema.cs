namespace TfLessons.Search;

/// <summary>
/// Optuna 3.1's RDB schema (SCHEMA_VERSION 12, alembic head v3.0.0.d), written out by hand.
/// The SQLite text is laid out exactly as SQLAlchemy 1.4 emits it, so sqlite_master is
/// identical to a database Optuna created; PostgreSQL uses the same tables with SERIAL keys
/// and native enum types, so pg_dump matches too (the tests compare both against Optuna).
/// </summary>
internal static class Schema
{
    public const int SchemaVersion = 12;
    public const string AlembicRevision = "v3.0.0.d";

    // The Optuna release whose create_all produced exactly this schema; stored in version_info.
    public const string LibraryVersion = "3.1.0";

    private sealed record Column(string Name, string Sqlite, string Postgres, bool NotNull);

    private sealed record Table(string Name, Column[] Columns, string[] Constraints);

    private static Column Id(string name) => new(name, "INTEGER", "SERIAL", true);

    private static Column Int(string name, bool notNull = false) => new(name, "INTEGER", "INTEGER", notNull);

    private static Column Str(string name, int len, bool notNull = false) =>
        new(name, $"VARCHAR({len})", $"VARCHAR({len})", notNull);

    private static Column Text(string name) => new(name, "TEXT", "TEXT", false);

    private static Column Float(string name) => new(name, "FLOAT", "FLOAT(53)", false);

    private static Column Time(string name, bool notNull = false) =>
        new(name, "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", notNull);

    // SQLAlchemy's non-native Enum is a VARCHAR as long as the longest member name.
    private static Column Enum(string name, string pgType, int len) => new(name, $"VARCHAR({len})", pgType, true);

    private const string Key = "\"key\"";

    private static Table Attrs(string table, string idCol, string owner, string ownerTable) =>
        new(
            table,
            [Id(idCol), Int(owner), Str(Key, 512), Text("value_json")],
            [
                $"PRIMARY KEY ({idCol})",
                $"UNIQUE ({owner}, {Key})",
                $"FOREIGN KEY({owner}) REFERENCES {ownerTable} ({owner})",
            ]
        );

    // In SQLAlchemy's create_all order (dependencies first, then declaration order).
    private static readonly Table[] Tables =
    [
        new("studies", [Id("study_id"), Str("study_name", 512, true)], ["PRIMARY KEY (study_id)"]),
        new(
            "version_info",
            [new("version_info_id", "INTEGER", "INTEGER", true), Int("schema_version"), Str("library_version", 256)],
            ["PRIMARY KEY (version_info_id)", "CHECK (version_info_id=1)"]
        ),
        new(
            "study_directions",
            [
                Id("study_direction_id"),
                Enum("direction", "studydirection", 8),
                Int("study_id", true),
                Int("objective", true),
            ],
            [
                "PRIMARY KEY (study_direction_id)",
                "UNIQUE (study_id, objective)",
                "FOREIGN KEY(study_id) REFERENCES studies (study_id)",
            ]
        ),
        Attrs("study_user_attributes", "study_user_attribute_id", "study_id", "studies"),
        Attrs("study_system_attributes", "study_system_attribute_id", "study_id", "studies"),
        new(
            "trials",
            [
                Id("trial_id"),
                Int("number"),
                Int("study_id"),
                Enum("state", "trialstate", 8),
                Time("datetime_start"),
                Time("datetime_complete"),
            ],
            ["PRIMARY KEY (trial_id)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"]
        ),
        Attrs("trial_user_attributes", "trial_user_attribute_id", "trial_id", "trials"),
        Attrs("trial_system_attributes", "trial_system_attribute_id", "trial_id", "trials"),
        new(
            "trial_params",
            [Id("param_id"), Int("trial_id"), Str("param_name", 512), Float("param_value"), Text("distribution_json")],
            [
                "PRIMARY KEY (param_id)",
                "UNIQUE (trial_id, param_name)",
                "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)",
            ]
        ),
        new(
            "trial_values",
            [
                Id("trial_value_id"),
                Int("trial_id", true),
                Int("objective", true),
                Float("value"),
                Enum("value_type", "trialvaluetype", 7),
            ],
            [
                "PRIMARY KEY (trial_value_id)",
                "UNIQUE (trial_id, objective)",
                "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)",
            ]
        ),
        new(
            "trial_intermediate_values",
            [
                Id("trial_intermediate_value_id"),
                Int("trial_id", true),
                Int("step", true),
                Float("intermediate_value"),
                Enum("intermediate_value_type", "trialintermediatevaluetype", 7),
            ],
            [
                "PRIMARY KEY (trial_intermediate_value_id)",
                "UNIQUE (trial_id, step)",
                "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)",
            ]
        ),
        new(
            "trial_heartbeats",
            [Id("trial_heartbeat_id"), Int("trial_id", true), Time("heartbeat", true)],
            [
                "PRIMARY KEY (trial_heartbeat_id)",
                "UNIQUE (trial_id)",
                "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)",
            ]
        ),
    ];

    private const string StudyNameIndex = "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)";

    // Alembic creates its own table after create_all, then stamps the head revision.
    private const string AlembicTable =
        "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, "
        + "\n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)";

    /// <summary>The CREATE statements in execution order.</summary>
    public static IEnumerable<string> Create(bool postgres)
    {
        if (postgres)
        {
            yield return "CREATE TYPE studydirection AS ENUM ('NOT_SET', 'MINIMIZE', 'MAXIMIZE')";
            yield return "CREATE TYPE trialstate AS ENUM ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')";
            yield return "CREATE TYPE trialvaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG')";
            yield return "CREATE TYPE trialintermediatevaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG', 'NAN')";
        }
        foreach (var t in Tables)
        {
            var items = t
                .Columns.Select(c => $"{c.Name} {(postgres ? c.Postgres : c.Sqlite)}{(c.NotNull ? " NOT NULL" : "")}")
                .Concat(t.Constraints);
            yield return $"CREATE TABLE {t.Name} (\n\t{string.Join(", \n\t", items)}\n)";
            if (t.Name == "studies")
            {
                yield return StudyNameIndex;
            }
        }
        yield return AlembicTable;
    }

    /// <summary>Rows Optuna writes after creating the tables.</summary>
    public static IEnumerable<string> Stamp()
    {
        yield return $"INSERT INTO version_info (version_info_id, schema_version, "
            + $"library_version) VALUES (1, {SchemaVersion}, '{LibraryVersion}')";
        yield return $"INSERT INTO alembic_version (version_num) VALUES ('{AlembicRevision}')";
    }
}
