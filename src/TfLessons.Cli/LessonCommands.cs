using System.CommandLine;
using TfLessons.Examples;
using TfLessons.Plots;

namespace TfLessons.Cli;

/// <summary><c>tfl lesson list</c>, <c>tfl lesson run NAME</c> (one subcommand per lesson, with its declared options)
/// and <c>tfl train</c>.</summary>
internal static class LessonCommands
{
    public static Command Lesson()
    {
        var lesson = new Command("lesson", "the course lessons");
        var list = new Command("list", "list the lessons with their options");
        list.SetAction(parse => List(parse.InvocationConfiguration.Output));
        var run = new Command("run", "run a lesson (tfl lesson run NAME --help for its options)");
        run.SetAction(_ => MissingLesson());
        foreach (ILesson l in LessonCatalog.All) run.Subcommands.Add(RunCommand(l));
        lesson.Subcommands.Add(list);
        lesson.Subcommands.Add(run);
        return lesson;
    }

    /// <summary><c>tfl train</c>: the optimization lesson's model with one optimizer (--optimizer) and its checkpoint
    /// options.</summary>
    public static Command Train()
    {
        ILesson optimization = LessonCatalog.Find("optimization")!;
        var train = new Command(
            "train",
            "train the optimization lesson's model with one optimizer "
                + "(checkpoints with --checkpoint-dir, --save-every, --resume)"
        );
        LessonOption optimizer = LessonOption.Text("optimizer", "the optimizer", "adam") with
        {
            Choices = ["gd", "momentum", "adam"],
        };
        var declared = new DeclaredOptions(
            train,
            optimization.Options.Where(o => o.Name != "runs").Append(optimizer).Concat(LessonCommon.Shared)
        );
        train.SetAction(parse =>
        {
            var given = declared.Given(parse);
            declared.ProbeOutputs(given);
            string chosen = given.GetValueOrDefault("optimizer") ?? optimizer.Default!;
            var options = new LessonOptions(
                optimization.Options.Concat(LessonCommon.Shared),
                Without(given, "optimizer", ("runs", chosen))
            );
            return RunWithPlots(optimization, options, parse.InvocationConfiguration.Output);
        });
        return train;
    }

    private static Command RunCommand(ILesson lesson)
    {
        var command = new Command(lesson.Name, lesson.Description);
        var declared = new DeclaredOptions(command, lesson.Options.Concat(LessonCommon.Shared));
        command.SetAction(parse => RunWithPlots(lesson, declared.Read(parse), parse.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Runs the lesson; with --plots, draws its figures from the report it finishes with and prints their
    /// paths.</summary>
    private static int RunWithPlots(ILesson lesson, LessonOptions options, TextWriter output)
    {
        string? plots = options.String("plots");
        bool drawn = false;
        if (plots is not null)
        {
            options.OnReport = report =>
            {
                drawn = true;
                foreach (string path in LessonFigures.Write(report, plots))
                    output.WriteLine($"figure: {Path.GetFullPath(path)}");
            };
        }
        int code = lesson.Run(options, output);
        if (plots is not null && !drawn) output.WriteLine($"lesson {lesson.Name} draws no figures (--plots ignored)");
        return code;
    }

    private static int MissingLesson() => throw new ArgumentException("missing lesson name (see tfl lesson list)");

    private static int List(TextWriter output)
    {
        int width = LessonCatalog.All.Max(l => l.Name.Length);
        foreach (ILesson lesson in LessonCatalog.All)
            output.WriteLine($"{lesson.Name.PadRight(width)}  {lesson.Description}");
        return 0;
    }

    private static Dictionary<string, string?> Without(
        Dictionary<string, string?> given,
        string name,
        (string Name, string Value) add
    )
    {
        var copy = new Dictionary<string, string?>(given, StringComparer.Ordinal);
        copy.Remove(name);
        copy[add.Name] = add.Value;
        return copy;
    }
}
