using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Examples.Course;

/// <summary>
/// trial.json beside a trial's checkpoints: the storage and study that wrote them, the trial number and its
/// parameters. A checkpoint whose record differs (or is missing) belongs to someone else and is not restored.
/// </summary>
public static class TrialCheckpointIdentity
{
    public const string FileName = "trial.json";

    public static JsonObject Of(string owner, string study, int trial, IReadOnlyDictionary<string, double> parameters)
    {
        var values = new JsonObject();
        foreach (var (k, v) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            values[k] = v.ToString("R", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["owner"] = owner,
            ["study"] = study,
            ["trial"] = trial,
            ["params"] = values,
        };
    }

    /// <summary>Null when the folder's record is <paramref name="expected"/>; else why not (missing, unreadable, which
    /// field differs).</summary>
    public static string? Mismatch(string folder, JsonObject expected)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return $"{path} is missing, so whose checkpoint it is is unknown";
        JsonNode? found;
        try
        {
            found = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            return $"{path} is not valid JSON ({e.Message})";
        }
        foreach (var (key, value) in expected)
        {
            JsonNode? other = found?[key];
            if (!JsonNode.DeepEquals(value, other))
                return $"{path} records {key} {other?.ToJsonString() ?? "(none)"}, "
                    + $"this trial has {value?.ToJsonString()}";
        }
        return null;
    }

    public static void Write(string folder, JsonObject identity)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(
            Path.Combine(folder, FileName),
            identity.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>Removes another trial's checkpoint files (only those: the state file, model.ckpt-*, the
    /// record).</summary>
    public static void Clear(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            string name = Path.GetFileName(file);
            if (name is "checkpoint" or FileName || name.StartsWith("model.ckpt", StringComparison.Ordinal))
                File.Delete(file);
        }
    }
}
