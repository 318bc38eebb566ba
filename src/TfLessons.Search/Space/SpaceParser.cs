using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// Parses search spaces from command-line strings (<c>lr=log:1e-4:1</c>,
/// <c>beta=oneminuslog:0.9:0.999</c>, <c>hidden=int:5:50[:step]</c>, <c>opt=cat:adam,momentum,gd</c>,
/// <c>batch=pow2:16:256</c>, <c>dropout=uniform:0:0.5</c>) or JSON files. All validation happens
/// here, before any trial starts, and errors name the parameter.
/// </summary>
public static class SpaceParser
{
    /// <summary>Parses several <c>name=kind:args</c> strings into one space.</summary>
    public static SearchSpace Parse(IEnumerable<string> specs)
    {
        var space = new SearchSpace();
        foreach (var spec in specs)
        {
            space.Add(ParseOne(spec));
        }
        return space;
    }

    /// <summary>Parses one <c>name=kind:args</c> string.</summary>
    public static ParamSpec ParseOne(string spec)
    {
        var eq = spec.IndexOf('=');
        if (eq <= 0)
        {
            throw new SearchSpaceException(spec, "expected name=kind:args, e.g. lr=log:1e-4:1");
        }
        return ParseBody(spec[..eq].Trim(), spec[(eq + 1)..].Trim());
    }

    /// <summary>Parses the part after '=' (e.g. "log:1e-4:1") for parameter <paramref name="name"/>.</summary>
    public static ParamSpec ParseBody(string name, string body)
    {
        var colon = body.IndexOf(':');
        var kindText = (colon < 0 ? body : body[..colon]).Trim().ToLowerInvariant();
        var rest = colon < 0 ? "" : body[(colon + 1)..];
        var kind = ParseKind(name, kindText);
        if (kind == ParamKind.Categorical)
        {
            var choices = rest.Split(',').Select(c => c.Trim()).ToArray();
            if (rest.Trim().Length == 0)
            {
                throw new SearchSpaceException(name, "a categorical parameter needs at least one choice (cat:a,b,c)");
            }
            return ParamSpec.Create(name, kind, choices: choices);
        }
        var parts = rest.Length == 0 ? [] : rest.Split(':');
        var wanted = kind == ParamKind.Int ? "low:high[:step]" : "low:high";
        if (parts.Length < 2 || parts.Length > (kind == ParamKind.Int ? 3 : 2))
        {
            throw new SearchSpaceException(name, $"{ParamSpec.KindName(kind)} expects {wanted}, got '{rest}'");
        }
        var low = Number(name, parts[0]);
        var high = Number(name, parts[1]);
        var step = parts.Length == 3 ? (long)Number(name, parts[2]) : 1;
        return ParamSpec.Create(name, kind, low, high, step);
    }

    /// <summary>
    /// Parses a JSON search space: either an object of name → spec, where spec is a string
    /// ("log:1e-4:1") or an object {"kind", "low", "high", "step", "choices"}; or an array of
    /// "name=kind:args" strings.
    /// </summary>
    public static SearchSpace ParseJson(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"search space JSON is not valid JSON: {e.Message}", e);
        }
        var space = new SearchSpace();
        switch (root)
        {
            case JsonArray arr:
                foreach (var item in arr)
                {
                    space.Add(
                        ParseOne(
                            item?.GetValue<string>()
                                ?? throw new FormatException("search space array items must be strings")
                        )
                    );
                }
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    space.Add(
                        value switch
                        {
                            JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseBody(
                                name,
                                v.GetValue<string>()
                            ),
                            JsonObject o => ParseObject(name, o),
                            _ => throw new SearchSpaceException(
                                name,
                                "expected a string like \"log:1e-4:1\" or an object with \"kind\""
                            ),
                        }
                    );
                }
                break;
            default:
                throw new FormatException("search space JSON must be an object or an array");
        }
        return space;
    }

    /// <summary>Reads a JSON search-space file (see <see cref="ParseJson"/>).</summary>
    public static SearchSpace ParseJsonFile(string path) => ParseJson(File.ReadAllText(path));

    private static ParamSpec ParseObject(string name, JsonObject o)
    {
        var kindText = o["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String
            ? k.GetValue<string>()
            : throw new SearchSpaceException(name, "missing \"kind\"");
        var kind = ParseKind(name, kindText.ToLowerInvariant());
        if (kind == ParamKind.Categorical)
        {
            var choices = (o["choices"] as JsonArray)
                ?.Select(c =>
                    c is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : c?.ToJsonString() ?? ""
                )
                .ToArray()
                ?? [];
            return ParamSpec.Create(name, kind, choices: choices);
        }
        double Num(string key, double? fallback = null) => o[key] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => Number(name, v.GetValue<string>()),
            null when fallback is not null => fallback.Value,
            _ => throw new SearchSpaceException(name, $"\"{key}\" must be a number"),
        };
        return ParamSpec.Create(name, kind, Num("low"), Num("high"), (long)Num("step", 1));
    }

    private static ParamKind ParseKind(string name, string kind) =>
        kind switch
        {
            "uniform" or "float" => ParamKind.Uniform,
            "int" => ParamKind.Int,
            "log" or "loguniform" => ParamKind.Log,
            "oneminuslog" => ParamKind.OneMinusLog,
            "cat" or "categorical" => ParamKind.Categorical,
            "pow2" => ParamKind.Pow2,
            _ => throw new SearchSpaceException(
                name,
                $"unknown kind '{kind}' (expected uniform, int, log, oneminuslog, cat or pow2)"
            ),
        };

    private static double Number(string name, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new SearchSpaceException(name, $"'{text}' is not a number");
        }
        return v;
    }
}
