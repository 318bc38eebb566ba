using System.CommandLine;
using Spectre.Console;

namespace TfLessons.Cli;

/// <summary>
/// The <c>tfl</c> command on System.CommandLine: help on every command, strict options (unknown, valueless or
/// meaningless values are errors before anything runs), and bad input reported in one line with exit code 2.
/// </summary>
public static class CommandRouter
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Graphs the lessons write hold the course's update ops: inspect and import must know them from the start.
        TfLessons.Course.CourseOps.EnsureRegistered();
        RootCommand root = Build();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0) return Fail(error, CliErrors.Describe(parse));
        try
        {
            return parse.Invoke(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                }
            );
        }
        catch (Exception e) when (CliErrors.IsInputError(e))
        {
            return Fail(error, $"{CliErrors.PathOf(parse.CommandResult.Command)}: {CliErrors.OneLine(e)}");
        }
    }

    private static RootCommand Build()
    {
        var root = new RootCommand(
            "tfl: the TfLessons course lessons, training, checkpoints, event files and hyperparameter search"
        );
        root.Subcommands.Add(LessonCommands.Lesson());
        root.Subcommands.Add(LessonCommands.Train());
        foreach (Command c in ToolCommands.All()) root.Subcommands.Add(c);
        root.Subcommands.Add(SearchCommands.Search());
        ShowHelpWhenBare(root, root);
        return root;
    }

    // A command group run without a subcommand prints its help, as `tfl` alone always did.
    private static void ShowHelpWhenBare(RootCommand root, Command command)
    {
        foreach (Command sub in command.Subcommands) ShowHelpWhenBare(root, sub);
        if (command.Action is not null) return;
        command.SetAction(parse =>
        {
            string[] path = CliErrors.PathOf(command).Split(' ')[1..];
            root.Parse([.. path, "--help"])
                .Invoke(new InvocationConfiguration { Output = parse.InvocationConfiguration.Output });
            return 0;
        });
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }

    /// <summary>Tables (search status and reports) drawn into the command's output: plain text unless it is the
    /// terminal.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output) =>
        output == Console.Out && !Console.IsOutputRedirected
            ? AnsiConsole.Console
            : AnsiConsole.Create(
                new AnsiConsoleSettings
                {
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                    Out = new AnsiConsoleOutput(output),
                    Interactive = InteractionSupport.No,
                }
            );
}
