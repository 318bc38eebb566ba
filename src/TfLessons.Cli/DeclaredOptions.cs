using System.CommandLine;
using TfLessons.Examples;

namespace TfLessons.Cli;

/// <summary>
/// Declared options (<see cref="LessonOption"/>) added to a command as strict System.CommandLine options: a value is
/// checked while parsing, so a bad one is an error before anything runs.
/// </summary>
internal sealed class DeclaredOptions
{
    private readonly List<(LessonOption Declaration, Option Option)> _options = [];

    public DeclaredOptions(Command command, IEnumerable<LessonOption> declarations)
    {
        foreach (LessonOption d in declarations)
        {
            Option option = Create(d);
            command.Options.Add(option);
            _options.Add((d, option));
        }
    }

    public IEnumerable<LessonOption> Declarations => _options.Select(o => o.Declaration);

    /// <summary>The options given on the command line: name to value (null for a flag).</summary>
    public Dictionary<string, string?> Given(ParseResult parse)
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (d, option) in _options)
        {
            if (parse.GetResult(option) is not { Implicit: false }) continue;
            given[d.Name] = option is Option<string> text ? parse.GetValue(text) : null;
        }
        return given;
    }

    /// <summary>The given values with the declared defaults, after every output path was found writable.</summary>
    public LessonOptions Read(ParseResult parse)
    {
        var given = Given(parse);
        ProbeOutputs(given);
        return new LessonOptions(Declarations, given);
    }

    /// <summary>Creates each given output directory (or a file's directory) and checks it can be written.</summary>
    public void ProbeOutputs(IReadOnlyDictionary<string, string?> given)
    {
        foreach (LessonOption d in Declarations)
        {
            if (!given.TryGetValue(d.Name, out string? path) || path is null) continue;
            if (d.Kind == OptionKind.OutputDirectory) OutputProbe.Directory(path, "--" + d.Name);
            else if (d.Kind == OptionKind.OutputFile) OutputProbe.FileParent(path, "--" + d.Name);
        }
    }

    private static Option Create(LessonOption d)
    {
        if (d.Kind == OptionKind.Flag)
            return new Option<bool>("--" + d.Name) { Description = d.Description, Arity = ArgumentArity.Zero };
        var option = new Option<string>("--" + d.Name)
        {
            Required = d.Required,
            Description = d.Default is null ? d.Description : $"{d.Description} [default: {d.Default}]",
            HelpName = d.Choices is { } choices ? string.Join("|", choices) : d.Kind switch
            {
                OptionKind.Int => "N",
                OptionKind.Double => "X",
                OptionKind.InputPath or OptionKind.OutputFile => "FILE",
                OptionKind.OutputDirectory => "DIR",
                _ => d.Name.ToUpperInvariant(),
            },
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1) return;
            string value = result.Tokens[0].Value;
            // System.CommandLine takes the next token as the value even when it is another option.
            if (value.StartsWith("--", StringComparison.Ordinal))
                result.AddError($"--{d.Name}: missing value (the next argument is the option '{value}')");
            else if (d.Check(value) is string reason)
                result.AddError(reason);
            else if (d.Kind == OptionKind.InputPath && !File.Exists(value) && !System.IO.Directory.Exists(value))
                result.AddError($"--{d.Name}: no such file or directory '{value}'");
        });
        return option;
    }
}

/// <summary>Finds out before any training whether an output can be written, so a bad path fails in a second, not after
/// an hour.</summary>
public static class OutputProbe
{
    /// <summary>Creates <paramref name="path"/> and writes and deletes a probe file in it.</summary>
    public static void Directory(string path, string option)
    {
        string probe = Path.Combine(path, $".tfl-write-probe-{Environment.ProcessId}");
        try
        {
            System.IO.Directory.CreateDirectory(path);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"{option}: cannot write to directory '{path}': {e.Message}", e);
        }
    }

    /// <summary>The directory a file will be written into must be writable.</summary>
    public static void FileParent(string path, string option)
    {
        if (System.IO.Directory.Exists(path))
            throw new ArgumentException($"{option}: '{path}' is a directory, not a file");
        string parent = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory(parent, option);
    }
}
