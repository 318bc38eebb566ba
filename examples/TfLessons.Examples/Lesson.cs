namespace TfLessons.Examples;

/// <summary>A course lesson that <c>tfl lesson run NAME</c> can run.</summary>
public interface ILesson
{
    string Name { get; }

    /// <summary>One line for <c>tfl lesson list</c>.</summary>
    string Description { get; }

    /// <summary>The options this lesson reads (besides <see cref="LessonCommon.Shared"/>): the CLI accepts exactly
    /// these.</summary>
    IReadOnlyList<LessonOption> Options { get; }

    /// <summary>Runs the lesson with its declared options, printing as the course does.</summary>
    int Run(LessonOptions options, TextWriter output);
}

/// <summary>The lessons, in course order.</summary>
public static class LessonCatalog
{
    public static IReadOnlyList<ILesson> All { get; } =
    [
        new W5Lesson(),
        new InitializationLesson(),
        new RegularizationLesson(),
        new GradientCheckingLesson(),
        new OptimizationLesson(),
        new TfTutorialLesson(),
        new BatchNormLesson(),
        new FashionMnistLesson(),
        new TuningLesson(),
    ];

    public static ILesson? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}

