using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using TfLessons.Examples;
using TfLessons.Search;

namespace TfLessons.Cli;

/// <summary>Parse errors and input exceptions as one line that names what was wrong (option, file, study,
/// tensor).</summary>
internal static class CliErrors
{
    /// <summary>The exceptions bad input produces (documented by the libraries); anything else is a bug and keeps its
    /// stack trace.</summary>
    public static bool IsInputError(Exception e) =>
        e
            is ArgumentException
                or IOException
                or InvalidDataException
                or UnauthorizedAccessException
                or NotSupportedException
                or FormatException
                or KeyNotFoundException
                or OverflowException
                or JsonException
                or StorageException
                or SearchSpaceException
                or StudyExistsException;

    public static string OneLine(Exception e)
    {
        string message = e is ArgumentException { ParamName: not null } a
            ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal)
            : e.Message;
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join("; ", lines);
    }

    /// <summary>The first parse error: an unknown option with the closest known one, an unknown lesson or command, a
    /// missing or bad value.</summary>
    public static string Describe(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        string where = PathOf(command);
        // An option that swallowed the next option as its value leaves that value unmatched: name the option first.
        if (parse.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult) is { } optionError)
            return $"{where}: {optionError.Message}";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                var names = command
                    .Options.Concat(
                        command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive))
                    )
                    .SelectMany(o => o.Aliases.Prepend(o.Name));
                return $"{where}: unknown option '{token}'{Suggest(token, names)}";
            }
            if (command.Name == "run" && command.Parents.OfType<Command>().Any(p => p.Name == "lesson"))
                return $"{where}: no lesson named '{token}'; lessons: "
                    + $"{string.Join(", ", LessonCatalog.All.Select(l => l.Name))}";
            if (command.Subcommands.Count > 0)
                return $"{where}: unknown command "
                    + $"'{token}'{Suggest(token, command.Subcommands.Select(c => c.Name))} (see {where} --help)";
            return $"{where}: unexpected argument '{token}' (see {where} --help)";
        }
        return $"{where}: {parse.Errors[0].Message}";
    }

    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
            names.Insert(0, c is RootCommand ? "tfl" : c.Name);
        return string.Join(' ', names);
    }

    // Cheap "did you mean": the known name within two edits (or sharing a long prefix).
    private static string Suggest(string token, IEnumerable<string> known)
    {
        string? best = known
            .Distinct()
            .Select(k => (Name: k, Distance: Distance(token, k)))
            .Where(k => k.Distance <= Math.Max(2, token.Length / 4))
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
        return best is null ? "" : $" (did you mean {best}?)";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
