using TfLessons.Examples;

namespace TfLessons.Cli;

/// <summary>The <c>tfl</c> command: one verb handler per command group, with usage on bad input.</summary>
public static class CommandRouter
{
    private const string Usage = """
        usage: tfl <command> [options]

        commands:
          lesson list                 list the course lessons
          lesson run NAME [options]   run a lesson (see tfl lesson list)
          train [options]             train the optimization lesson's model (--optimizer adam, --epochs, --checkpoint-dir, --save-every, --resume, --logdir)
          eval [--model DIR]          restore the SIGNS model in models/ and print its test accuracy
          ckpt inspect PATH [--values]  list a checkpoint's tensors (name, dtype, shape, statistics)
          ckpt diff A B               compare two checkpoints tensor by tensor
          events PATH                 print the scalar series of TensorBoard event files
          search run|worker|status|report  hyperparameter search (tfl search for its options)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["lesson", "list", ..] => ListLessons(output),
                ["lesson", "run", string name, .. var rest] => RunLesson(name, rest, output, error),
                ["lesson", "run"] => Fail(error, "tfl lesson run: missing lesson name (see tfl lesson list)"),
                ["train", .. var rest] => RunLesson("optimization", ["--runs", Option(rest, "optimizer") ?? "adam", .. Without(rest, "optimizer")], output, error),
                ["eval", .. var rest] => EvalCommand.Run(Option(rest, "model"), output),
                ["ckpt", "inspect", string path, .. var rest] => CheckpointCommands.Inspect(path, rest.Contains("--values"), output),
                ["ckpt", "diff", string a, string b] => CheckpointCommands.Diff(a, b, output),
                ["events", string path] => CheckpointCommands.Events(path, output),
                ["search", string verb, .. var rest] => SearchCommands.Run(verb, rest, output),
                ["search"] => Help(output),
                [] or ["help"] or ["--help"] or ["-h"] => Help(output),
                _ => Fail(error, $"tfl: unknown command '{string.Join(' ', args)}'\n\n{Usage}"),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(error, $"tfl: {e.Message}");
        }
    }

    private static int ListLessons(TextWriter output)
    {
        int width = LessonCatalog.All.Max(l => l.Name.Length);
        foreach (ILesson lesson in LessonCatalog.All) output.WriteLine($"{lesson.Name.PadRight(width)}  {lesson.Description}");
        return 0;
    }

    private static int RunLesson(string name, string[] rest, TextWriter output, TextWriter error)
    {
        ILesson? lesson = LessonCatalog.Find(name);
        if (lesson is null) return Fail(error, $"tfl lesson run: no lesson named '{name}'; lessons: {string.Join(", ", LessonCatalog.All.Select(l => l.Name))}");
        var options = new LessonOptions(rest);
        int code = lesson.Run(options, output);
        foreach (string unused in options.Unused()) error.WriteLine($"tfl: warning: option --{unused} is not used by lesson {lesson.Name}");
        return code;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string[] Without(string[] args, string name)
    {
        int i = Array.IndexOf(args, "--" + name);
        return i < 0 ? args : [.. args[..i], .. args[Math.Min(i + 2, args.Length)..]];
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        output.WriteLine(SearchCommands.Usage);
        return 0;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
