using System.Text.RegularExpressions;

namespace TfLessons.Tests.Architecture;

/// <summary>
/// The engine's layers, lowest first: Graph/ (graph, operation, tensor, schemas, errors), Runtime/Kernels/, Ops/,
/// Autodiff/, Runtime/ (session, planner). A layer names no type declared only in a layer above it. The check reads
/// the sources: it strips comments and strings, then looks up every identifier among the types each folder declares.
/// </summary>
public partial class LayeringTests
{
    private static readonly string[] Order = ["Graph", "Kernels", "Ops", "Autodiff", "Runtime"];

    [Fact]
    public void NoLayerNamesATypeOfALayerAboveIt()
    {
        Sources sources = Sources.Read();
        var violations = new List<string>();
        foreach ((string file, string layer, string code) in sources.Files)
        {
            int rank = Array.IndexOf(Order, layer);
            if (rank < 0) continue;
            foreach (string used in sources.TypesUsed(code))
            {
                string owner = sources.Owner[used];
                int ownerRank = Array.IndexOf(Order, owner);
                // The reference kernels are the test oracle: they interpret ops, so they sit above Ops.
                if (ownerRank > rank || (owner == "Reference" && layer != "Reference"))
                    violations.Add($"{file} ({layer}) names {used}, declared in {owner}");
            }
        }
        Assert.True(violations.Count == 0, "layering broken:\n" + string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void TheScanSeesReferencesDownward()
    {
        // Without this the test above would pass on a scan that finds nothing.
        Sources sources = Sources.Read();
        string planner = sources
            .Files.Single(f => f.File.EndsWith("Runtime/Session.Planner.cs", StringComparison.Ordinal))
            .Code;
        Assert.Contains("OpRegistry", sources.TypesUsed(planner));
        string gradients = sources
            .Files.Single(f => f.File.EndsWith("Autodiff/Gradients.cs", StringComparison.Ordinal))
            .Code;
        Assert.Contains("MathOps", sources.TypesUsed(gradients));
        Assert.Equal("Graph", sources.Owner["OpSchema"]);
        Assert.Equal("Kernels", sources.Owner["KernelContext"]);
    }

    private sealed record Sources(
        List<(string File, string Layer, string Code)> Files,
        Dictionary<string, string> Owner
    )
    {
        public static Sources Read()
        {
            string core = Path.Combine(RepoRoot(), "src", "TfLessons.Core");
            var files = new List<(string, string, string)>();
            var owners = new Dictionary<string, HashSet<string>>();
            foreach (string path in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(core, path).Replace('\\', '/');
                if (
                    rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal)
                )
                    continue;
                string layer = LayerOf(rel);
                string code = Strip(File.ReadAllText(path));
                files.Add((rel, layer, code));
                foreach (Match m in Declaration().Matches(code))
                {
                    string name = m.Groups[1].Value + (m.Groups[2].Success ? "<" : "");
                    if (!owners.TryGetValue(name, out HashSet<string>? set)) owners[name] = set = [];
                    set.Add(layer);
                }
            }
            // A name declared in several folders (NDArray's partial files) belongs to none of them.
            var owner = owners.Where(kv => kv.Value.Count == 1).ToDictionary(kv => kv.Key, kv => kv.Value.Single());
            return new Sources(files, owner);
        }

        public HashSet<string> TypesUsed(string code)
        {
            var used = new HashSet<string>();
            foreach (Match m in Identifier().Matches(code))
            {
                string name = m.Groups[1].Value + (m.Groups[2].Success ? "<" : "");
                if (Owner.ContainsKey(name)) used.Add(name);
            }
            return used;
        }
    }

    private static string LayerOf(string rel) => rel switch
    {
        _ when rel.StartsWith("Graph/", StringComparison.Ordinal) => "Graph",
        _ when rel.StartsWith("Runtime/Kernels/Reference/", StringComparison.Ordinal) => "Reference",
        _ when rel.StartsWith("Runtime/Kernels/", StringComparison.Ordinal) => "Kernels",
        _ when rel.StartsWith("Ops/", StringComparison.Ordinal) => "Ops",
        _ when rel.StartsWith("Autodiff/", StringComparison.Ordinal) => "Autodiff",
        _ when rel.StartsWith("Runtime/", StringComparison.Ordinal) => "Runtime",
        _ => "outside:" + rel.Split('/')[0],
    };

    // One pass, so a "//" inside a string is not a comment and a quote inside a comment opens no string.
    private static string Strip(string code) =>
        CommentsAndLiterals().Replace(code, m => m.Value[0] == '/' ? " " : "\"\"");

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "TfLessons.sln"))) return d.FullName;
        }
        throw new DirectoryNotFoundException("TfLessons.sln not found above " + AppContext.BaseDirectory);
    }

    // A generic type is told apart from a member of the same name by its type arguments: Scalar<T> is not Shape.Scalar.
    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum|delegate\s+[\w<>\[\],?. ]+?)\s+([A-Z]\w*)\s*(<)?")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b([A-Z]\w*)\b(\s*<(?!=))?")]
    private static partial Regex Identifier();

    [GeneratedRegex(
        @"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])'",
        RegexOptions.Singleline
    )]
    private static partial Regex CommentsAndLiterals();
}
