using System.Text.Json.Nodes;

namespace TfLessons.Search;

internal abstract partial class RdbStorage
{
    public int CreateStudy(string name, StudyDirection direction, IReadOnlyDictionary<string, JsonNode?> systemAttrs)
    {
        try
        {
            return Run("create study", true, s =>
            {
                var id = (int)s.Long("INSERT INTO studies (study_name) VALUES (@n) RETURNING study_id", ("@n", name));
                s.Exec(
                    $"INSERT INTO study_directions (direction, study_id, "
                        + $"objective) VALUES ('{direction.ToDb()}', @s, 0)",
                    ("@s", id)
                );
                foreach (var (key, value) in systemAttrs)
                {
                    s.Exec("INSERT INTO study_system_attributes (study_id, \"key\", value_json) VALUES (@s, @k, @v)",
                        ("@s", id), ("@k", key), ("@v", PyJson.Dumps(value)));
                }
                return id;
            });
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            throw new StudyExistsException(name);
        }
    }

    public int? FindStudy(string name) =>
        Run("find study", false, s =>
            s.Scalar("SELECT study_id FROM studies WHERE study_name = @n", ("@n", name)) is { } v
                ? Convert.ToInt32(v)
                : (int?)null
        );

    public IReadOnlyList<(int Id, string Name)> ListStudies() => Run("list studies", false, s =>
        s.Query("SELECT study_id, study_name FROM studies ORDER BY study_id", r => (r.GetInt32(0), r.GetString(1))));

    public StudyDirection GetDirection(int studyId) =>
        Run("read study direction", false, s =>
            OptunaEnums.ParseDirection(
                s.Scalar(
                    $"SELECT {EnumText("direction")} FROM study_directions WHERE study_id = @s AND objective = 0",
                    ("@s", studyId)
                ) as string
                    ?? "MINIMIZE"
            )
        );

    public IReadOnlyDictionary<string, JsonNode?> GetStudySystemAttrs(int studyId) =>
        Run("read study attributes", false, s => ReadAttrs(s, "study_system_attributes", "study_id", studyId));

    public IReadOnlyDictionary<string, JsonNode?> GetStudyUserAttrs(int studyId) =>
        Run("read study attributes", false, s => ReadAttrs(s, "study_user_attributes", "study_id", studyId));

    public void SetStudyUserAttr(int studyId, string key, JsonNode? value) => Run("set study attribute", true, s =>
        UpsertAttr(s, "study_user_attributes", "study_id", studyId, key, value));

    public JsonNode? SetStudySystemAttrIfAbsent(int studyId, string key, JsonNode? value) =>
        Run("set study attribute", true, s =>
        {
            s.Exec(
                "INSERT INTO study_system_attributes (study_id, \"key\", value_json) "
                    + "VALUES (@s, @k, @v) ON CONFLICT (study_id, \"key\") DO NOTHING",
                ("@s", studyId),
                ("@k", key),
                ("@v", PyJson.Dumps(value))
            );
            return
                s.Scalar(
                    "SELECT value_json FROM study_system_attributes WHERE study_id = @s AND \"key\" = @k",
                    ("@s", studyId),
                    ("@k", key)
                )
                    is string json
                ? PyJson.Loads(json)
                : null;
        });

    private static Dictionary<string, JsonNode?> ReadAttrs(DbSession s, string table, string owner, int id)
    {
        var result = new Dictionary<string, JsonNode?>();
        foreach (
            var (k, v) in s.Query(
                $"SELECT \"key\", value_json FROM {table} WHERE {owner} = @id ORDER BY 1",
                r => (r.GetString(0), r.GetString(1)),
                ("@id", id)
            )
        )
        {
            result[k] = ParseJsonOrString(v);
        }
        return result;
    }

    private static int UpsertAttr(DbSession s, string table, string owner, int id, string key, JsonNode? value) =>
        s.Exec(
            $"INSERT INTO {table} ({owner}, \"key\", value_json) VALUES (@id, @k, @v) ON "
                + $"CONFLICT ({owner}, \"key\") DO UPDATE SET value_json = excluded.value_json",
            ("@id", id),
            ("@k", key),
            ("@v", PyJson.Dumps(value))
        );

    // Attribute values come from Python's json.dumps; anything we cannot parse is kept as text
    // rather than failing a whole study read.
    protected static JsonNode? ParseJsonOrString(string json)
    {
        try
        {
            return PyJson.Loads(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
