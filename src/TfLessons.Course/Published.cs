namespace TfLessons.Course;

/// <summary>One number a course notebook publishes, where it comes from, and how closely a faithful port must match
/// it.</summary>
public sealed record PublishedValue(
    string Lesson,
    string Run,
    string Quantity,
    double Value,
    double Tolerance,
    string Source
)
{
    /// <summary>Reads our value of the same quantity: "cost@N", "train_accuracy", "test_accuracy" or
    /// "difference".</summary>
    public double? Read(LessonRun run) =>
        Quantity switch
        {
            "train_accuracy" => run.TrainAccuracy,
            "test_accuracy" => run.TestAccuracy,
            "difference" => run.Difference,
            _ when Quantity.StartsWith("cost@", StringComparison.Ordinal) => run
                .Costs.Where(c =>
                    c.Iteration == int.Parse(Quantity[5..], System.Globalization.CultureInfo.InvariantCulture)
                )
                .Select(c => (double?)c.Cost)
                .FirstOrDefault(),
            _ => null,
        };
}

/// <summary>
/// The course's published numbers (see ../shared/docs/COURSE.md for the notebooks and commits they were read from).
/// Tolerances: costs printed with full precision match to 1e-9 relative; "%f"-printed costs to 6 decimals.
/// </summary>
public static class Published
{
    private const string Init = "Initialization.ipynb (Kulbear/deep-learning-coursera, printed; SA 2021 notebook)";
    private const string Opt = "Optimization methods.ipynb v1 (Kulbear and tejaswivinnakota, printed)";
    private const string Reg = "Regularization_v2a.ipynb (amanchadha/coursera-deep-learning-specialization, printed)";
    private const string Opt2021 =
        "Optimization_methods.ipynb v1.1 (2021; Junxiao-Zhao/shivamaggarwal513 copies, printed)";
    private const string Grad = "Gradient Checking v1.ipynb (Kulbear/amanchadha, printed); 2021 public_tests.py";

    private static readonly double[] HeCosts =
    [
        0.8830537463419761,
        0.6879825919728063,
        0.6751286264523371,
        0.6526117768893807,
        0.6082958970572938,
        0.5304944491717495,
        0.4138645817071794,
        0.3117803464844441,
        0.23696215330322562,
        0.18597287209206836,
        0.1501555628037182,
        0.12325079292273548,
        0.09917746546525937,
        0.0845705595402428,
        0.07357895962677366,
    ];

    private static readonly double[] GdCosts =
    [
        0.690736,
        0.685273,
        0.647072,
        0.619525,
        0.576584,
        0.607243,
        0.529403,
        0.460768,
        0.465586,
        0.464518,
    ];
    private static readonly double[] MomentumCosts =
    [
        0.690741,
        0.685341,
        0.647145,
        0.619594,
        0.576665,
        0.607324,
        0.529476,
        0.460936,
        0.465780,
        0.464740,
    ];
    private static readonly double[] AdamCosts =
    [
        0.690552,
        0.185567,
        0.150852,
        0.074454,
        0.125936,
        0.104235,
        0.100552,
        0.031601,
        0.111709,
        0.197648,
    ];

    public static IEnumerable<PublishedValue> All
    {
        get
        {
            for (int i = 0; i < HeCosts.Length; i++)
                yield return new("initialization", "he", $"cost@{i * 1000}", HeCosts[i], 1e-9, Init);
            yield return new("initialization", "he", "train_accuracy", 0.9933333333333333, 0, Init);
            yield return new("initialization", "he", "test_accuracy", 0.96, 0, Init);
            for (int i = 0; i <= 14; i++)
                yield return new("initialization", "zeros", $"cost@{i * 1000}", 0.6931471805599453, 1e-12, Init);
            yield return new("initialization", "zeros", "train_accuracy", 0.5, 0, Init);
            yield return new("initialization", "zeros", "test_accuracy", 0.5, 0, Init);
            yield return new("initialization", "random", "cost@0", double.PositiveInfinity, 0, Init);
            yield return new("initialization", "random", "train_accuracy", 0.83, 0, Init);
            yield return new("initialization", "random", "test_accuracy", 0.86, 0, Init);
            yield return new("gradient-checking", "1d", "difference", 2.919335883291695e-10, 1e-6, Grad);
            yield return new("gradient-checking", "nd-fixed", "difference", 1.1890913024229996e-07, 1e-4, Grad);
            foreach (
                var (run, costs, train, test) in new[]
                {
                    (
                        "none",
                        new[] { 0.6557412523481002, 0.16329987525724216, 0.13851642423255986 },
                        0.9478672985781991,
                        0.915
                    ),
                    (
                        "l2",
                        new[] { 0.6974484493131264, 0.2684918873282239, 0.2680916337127301 },
                        0.9383886255924171,
                        0.93
                    ),
                    (
                        "dropout",
                        new[] { 0.6543912405149825, 0.0610169865749056, 0.060582435798513114 },
                        0.9289099526066351,
                        0.95
                    ),
                }
            )
            {
                for (int i = 0; i < costs.Length; i++)
                    yield return new("regularization", run, $"cost@{i * 10000}", costs[i], 1e-9, Reg);
                yield return new("regularization", run, "train_accuracy", train, 0, Reg);
                yield return new("regularization", run, "test_accuracy", test, 0, Reg);
            }
            for (int i = 0; i < 10; i++)
            {
                yield return new("optimization", "gd", $"cost@{i * 1000}", GdCosts[i], 6e-7, Opt);
                yield return new("optimization", "momentum", $"cost@{i * 1000}", MomentumCosts[i], 6e-7, Opt);
                yield return new("optimization", "adam", $"cost@{i * 1000}", AdamCosts[i], 6e-7, Opt);
            }
            foreach (
                var (run, costs) in new[]
                {
                    ("gd", new[] { 0.702405, 0.668101, 0.635288, 0.600491, 0.573367 }),
                    ("momentum", new[] { 0.702413, 0.668167, 0.635388, 0.600591, 0.573444 }),
                    ("adam", new[] { 0.702166, 0.167845, 0.141316, 0.138788, 0.136066 }),
                    ("gd-update-lr", new[] { 0.701091, 0.661884, 0.658620, 0.656765, 0.655486 }),
                    ("gd-schedule", new[] { 0.701091, 0.127161, 0.120304, 0.117033, 0.117512 }),
                    ("momentum-schedule", new[] { 0.702226, 0.128974, 0.125965, 0.123375, 0.123218 }),
                    ("adam-schedule", new[] { 0.699346, 0.130074, 0.129826, 0.129282, 0.128361 }),
                }
            )
            {
                for (int i = 0; i < costs.Length; i++)
                    yield return new("optimization-2021", run, $"cost@{i * 1000}", costs[i], 6e-7, Opt2021);
            }
            yield return new("optimization-2021", "gd", "train_accuracy", 0.7166666666666667, 1e-12, Opt2021);
            yield return new("optimization-2021", "momentum", "train_accuracy", 0.7166666666666667, 1e-12, Opt2021);
            yield return new("gradient-checking", "nd-buggy", "difference", 0.2850931567761624, 1e-9, Grad);
            yield return new("optimization", "gd", "train_accuracy", 0.7966666666666666, 1e-12, Opt);
            yield return new("optimization", "momentum", "train_accuracy", 0.7966666666666666, 1e-12, Opt);
            yield return new("optimization", "adam", "train_accuracy", 0.94, 1e-12, Opt);
        }
    }

    public static IEnumerable<PublishedValue> For(string lesson) => All.Where(p => p.Lesson == lesson);
}
